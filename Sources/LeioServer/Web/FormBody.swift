import LeioReport

/// A decoded form body or query string (LeioReport's ``FormValues``).
typealias FormBody = FormValues
