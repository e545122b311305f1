#!/usr/bin/env python3
# Regenerates Tests/Fixtures/cytoarchitecture/neuron_numbers_*.csv with the ORIGINAL code
# (INM-6/human-multi-area-model NeuronNumbers; pandas, xlrd) from an extracted clone at
# /tmp/humam-orig (git archive HEAD experimental_data src | tar -x -C /tmp/humam-orig).
import os, sys
here = os.path.dirname(os.path.abspath(__file__))
os.chdir('/tmp/humam-orig')
sys.path.insert(0, 'src')
from data_preprocessing.cytoarchitecture import NeuronNumbers
base = dict(surface_area=1, source='VonEconomoKoskinas',
            src_path='experimental_data/voneconomokoskinas/StructuralData_VonEconomoKoskinas_addedvalues.xls',
            target='DesikanKilliany', min_neurons_per_layer=5000)
for name, ei, remove, minimum in [('binzegger', 'binzegger.csv', False, 5000), ('remove_smaller_layerI', 'lichtman.csv', True, 5000), ('min_neurons_0', 'lichtman.csv', False, 0)]:
    base['min_neurons_per_layer'] = minimum
    nn = NeuronNumbers(ei_ratio_path=f'experimental_data/fraction_EI/{ei}', remove_smaller_layerI=remove, **base)
    n = nn.getNeuronNumbers().sort_index()
    out = os.path.join(here, '..', 'Tests', 'Fixtures', 'cytoarchitecture', f'neuron_numbers_{name}.csv')
    with open(out, 'w') as f:
        f.write('area,layer,pop,N\n')
        for (a, l, p), v in n.items():
            f.write(f'{a},{l},{p},{v}\n')
    print(name, n.sum(), (n > 0).sum())
