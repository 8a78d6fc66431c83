/// Every prober httpdiag has, registered in this one place (blackbox_exporter's `Probers`
/// map): a layer's prober by its layer, a follow-up's by its kind. A check finds them here
/// through its context (`context.probers`), so a new prober (an AWS check, another
/// follow-up) is one conformance to LayerProber and one line below.
struct ProberRegistry: Sendable {
    var dns: any LayerProber<DNSQuestion, AddressPlan>
    var tcp: any LayerProber<TCPQuestion, TCPExchange?>
    var tls: any LayerProber<HopExchange, TLSEvidence>
    var http: any LayerProber<HTTPProbeInput, ProbeRun>
    var followUps: [FollowUp.Kind: any FollowUpProber]

    init(
        dns: any LayerProber<DNSQuestion, AddressPlan>,
        tcp: any LayerProber<TCPQuestion, TCPExchange?>,
        tls: any LayerProber<HopExchange, TLSEvidence>,
        http: any LayerProber<HTTPProbeInput, ProbeRun>,
        followUps: [any FollowUpProber]
    ) {
        self.dns = dns
        self.tcp = tcp
        self.tls = tls
        self.http = http
        self.followUps = Dictionary(followUps.map { (type(of: $0).kind, $0) }, uniquingKeysWith: { _, last in last })
    }

    static let standard = ProberRegistry(
        dns: DNSProber(),
        tcp: TCPProber(),
        tls: TLSProber(),
        http: HTTPProber(),
        followUps: [
            TLSHelloFollowUp(),
            PlainHTTPFollowUp(),
            SpacedRetryFollowUp(),
            TCPConnectFollowUp(),
            OtherFamilyFollowUp(),
            HTTP2RequestFollowUp(),
        ]
    )

}
