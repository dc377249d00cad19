import Foundation

/// A dense symmetric positive (semi-)definite matrix, row-major, with the Cholesky operations the estimators need.
struct SymmetricMatrix: Sendable, Equatable {
  let size: Int
  var values: [Double]

  init(size: Int) {
    self.size = size
    values = Array(repeating: 0, count: size * size)
  }

  subscript(_ row: Int, _ column: Int) -> Double {
    get { values[row * size + column] }
    set { values[row * size + column] = newValue }
  }

  /// The Cholesky factor L (lower triangular, L·Lᵀ = self), or nil when the matrix is not positive definite
  /// within `tolerance` (relative to the diagonal, as R's `cholesky2` with `toler.chol` = ε^0.75).
  func cholesky(tolerance: Double = pow(Double.ulpOfOne, 0.75)) -> SymmetricMatrix? {
    var l = SymmetricMatrix(size: size)
    let scale = (0..<size).map { abs(self[$0, $0]) }.max() ?? 0
    for j in 0..<size {
      var diagonal = self[j, j]
      for k in 0..<j { diagonal -= l[j, k] * l[j, k] }
      guard diagonal > tolerance * max(scale, 1e-300) else { return nil }
      l[j, j] = diagonal.squareRoot()
      for i in (j + 1)..<max(j + 1, size) {
        var sum = self[i, j]
        for k in 0..<j { sum -= l[i, k] * l[j, k] }
        l[i, j] = sum / l[j, j]
      }
    }
    return l
  }

  /// Solves self · x = b with the Cholesky factor `l`.
  static func solve(_ l: SymmetricMatrix, _ b: [Double]) -> [Double] {
    let n = l.size
    var y = b
    for i in 0..<n {
      var sum = y[i]
      for k in 0..<i { sum -= l[i, k] * y[k] }
      y[i] = sum / l[i, i]
    }
    var x = y
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = x[i]
      for k in (i + 1)..<max(i + 1, n) { sum -= l[k, i] * x[k] }
      x[i] = sum / l[i, i]
    }
    return x
  }

  /// The inverse, from the Cholesky factor `l`.
  static func inverse(_ l: SymmetricMatrix) -> SymmetricMatrix {
    var inverse = SymmetricMatrix(size: l.size)
    for column in 0..<l.size {
      var unit = Array(repeating: 0.0, count: l.size)
      unit[column] = 1
      let solved = solve(l, unit)
      for row in 0..<l.size { inverse[row, column] = solved[row] }
    }
    return inverse
  }

  /// self · meat · self: a sandwich variance with self as the bread.
  func sandwich(_ meat: SymmetricMatrix) -> SymmetricMatrix {
    var result = SymmetricMatrix(size: size)
    for a in 0..<size {
      for b in 0..<size {
        var total = 0.0
        for j in 0..<size { for k in 0..<size { total += self[a, j] * meat[j, k] * self[k, b] } }
        result[a, b] = total
      }
    }
    return result
  }

  /// xᵀ · self · x.
  func quadraticForm(_ x: [Double]) -> Double {
    var total = 0.0
    for i in 0..<size { for j in 0..<size { total += x[i] * self[i, j] * x[j] } }
    return total
  }
}
