/// Sum of `values` in numpy's order (pairwise summation with eight accumulators, numpy
/// `pairwise_sum`), so that sums feeding a rounding step give the original's last bit.
func numpySum(_ values: ArraySlice<Double>) -> Double {
    let count = values.count
    let start = values.startIndex
    if count < 8 {
        return values.reduce(-0.0) { $0 + $1 } + 0.0
    }
    if count <= 128 {
        var partial = Array(values[start..<start + 8])
        var index = 8
        while index + 8 <= count {
            for lane in 0..<8 { partial[lane] += values[start + index + lane] }
            index += 8
        }
        var result = ((partial[0] + partial[1]) + (partial[2] + partial[3]))
            + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
        while index < count {
            result += values[start + index]
            index += 1
        }
        return result
    }
    var half = count / 2
    half -= half % 8
    return numpySum(values[start..<start + half]) + numpySum(values[(start + half)...])
}

func numpySum(_ values: [Double]) -> Double { numpySum(values[...]) }
