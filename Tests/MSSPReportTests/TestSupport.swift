import MSSPReport

/// Swift Testing also has a `SourceLocation`; in these tests the name means ours.
typealias SourceLocation = MSSPReport.SourceLocation
