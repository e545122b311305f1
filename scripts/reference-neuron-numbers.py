#!/usr/bin/env python3
"""Regenerates Tests/Fixtures/cytoarchitecture/neuron_numbers_*.csv with the ORIGINAL code
(INM-6/human-multi-area-model's NeuronNumbers; needs pandas, scipy and xlrd).

Usage: scripts/reference-neuron-numbers.py [ORIGINAL [OUT_DIR]]
       scripts/reference-neuron-numbers.py --check

ORIGINAL: a clone of the original repository (default: $HUMAM_ORIGINAL; the commit named in
notebooks-data/README.md). Its code is run, never copied into this repository. OUT_DIR: default
Tests/Fixtures/cytoarchitecture. --check writes into a temporary folder and checks that the
tables are byte-identical to the committed ones; without a clone it says so and checks nothing.
"""
import filecmp
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, 'Tests', 'Fixtures', 'cytoarchitecture')
CONFIGURATIONS = [('binzegger', 'binzegger.csv', False, 5000), ('remove_smaller_layerI', 'lichtman.csv', True, 5000),
                  ('min_neurons_0', 'lichtman.csv', False, 0)]


def generate(original, out_dir):
    original, out_dir = os.path.abspath(original), os.path.abspath(out_dir)
    if not os.path.isfile(os.path.join(original, 'src', 'data_preprocessing', 'cytoarchitecture.py')):
        sys.exit(f'error: {original} has no src/data_preprocessing/cytoarchitecture.py '
                 '(expected a clone of INM-6/human-multi-area-model)')
    os.makedirs(out_dir, exist_ok=True)
    os.chdir(original)  # the original's code reads its data by relative paths
    sys.path.insert(0, 'src')
    from data_preprocessing.cytoarchitecture import NeuronNumbers
    base = dict(surface_area=1, source='VonEconomoKoskinas',
                src_path='experimental_data/voneconomokoskinas/StructuralData_VonEconomoKoskinas_addedvalues.xls',
                target='DesikanKilliany')
    for name, ei, remove, minimum in CONFIGURATIONS:
        numbers = NeuronNumbers(ei_ratio_path=f'experimental_data/fraction_EI/{ei}', remove_smaller_layerI=remove,
                                min_neurons_per_layer=minimum, **base).getNeuronNumbers().sort_index()
        with open(os.path.join(out_dir, f'neuron_numbers_{name}.csv'), 'w', encoding='utf-8') as file:
            file.write('area,layer,pop,N\n')
            for (area, layer, population), value in numbers.items():
                file.write(f'{area},{layer},{population},{value}\n')
        print(name, numbers.sum(), (numbers > 0).sum())


def main(arguments):
    if arguments[:1] in (['-h'], ['--help']) or len(arguments) > 2:
        sys.exit(__doc__)
    original = os.environ.get('HUMAM_ORIGINAL')
    if arguments == ['--check']:
        if original is None:
            print('--check: skipped: the original\'s NeuronNumbers needs a clone of INM-6/human-multi-area-model '
                  '(HUMAM_ORIGINAL=CLONE); its code is not copied into this repository')
            return
        with tempfile.TemporaryDirectory() as out_dir:
            generate(original, out_dir)
            names = [f'neuron_numbers_{name}.csv' for name, *_ in CONFIGURATIONS]
            different = [name for name in names
                         if not filecmp.cmp(os.path.join(out_dir, name), os.path.join(FIXTURES, name), shallow=False)]
            if different:
                sys.exit(f'error: these tables differ from Tests/Fixtures/cytoarchitecture/: {", ".join(different)}')
            print(f'--check: {len(names)} tables byte-identical to Tests/Fixtures/cytoarchitecture/')
        return
    if not arguments and original is None:
        sys.exit('error: give a clone of INM-6/human-multi-area-model (ORIGINAL or $HUMAM_ORIGINAL)')
    generate(arguments[0] if arguments else original, arguments[1] if len(arguments) > 1 else FIXTURES)


if __name__ == '__main__':
    main(sys.argv[1:])
