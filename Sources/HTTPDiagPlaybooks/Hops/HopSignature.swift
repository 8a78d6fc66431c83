import HTTPDiagCore

/// How one kind of intermediary shows itself on the wire. A hop is identified when any
/// of its signals is present; each signal quotes what it saw as evidence.
struct HopSignature: Sendable {
    enum Signal: Sendable {
        /// A header whose value matches (case-insensitive regex; "" = any value).
        case header(String, String)
        /// The body contains this text (case-sensitive).
        case body(String)
        /// A CNAME target in the chain matches this suffix regex.
        case cname(String)
    }

    var name: String
    /// Position from the client: smaller is outermost.
    var order: Int
    var signals: [Signal]
    /// Signals that mean this hop produced the response itself.
    var generatedSignals: [Signal]
    /// Where the signals come from.
    var source: String
}
