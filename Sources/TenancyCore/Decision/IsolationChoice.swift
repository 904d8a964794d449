/// Logical or physical: the weakest isolation that meets every need is the required one; an explicit
/// `isolation:` in the spec wins when it is at least as strong, and a weaker one is an error unless the
/// user passes `--allow-weaker`, which turns it into a loud warning.
struct IsolationChoice: Sendable, Hashable {
    var required: Decision.Isolation
    var isolation: Decision.Isolation
    var reasons: [Reason]

    /// `demands` are the needs only a cluster of the tenant's own meets (a dedicated control plane, or what
    /// the target cannot offer).
    static func make(_ spec: TenantSpec, target: String, demands: [Reason], _ options: DecideOptions) -> IsolationChoice
    {
        let required: Decision.Isolation = demands.isEmpty ? .logical : .physical
        var reasons: [Reason] = demands.map {
            Reason(.reason, .isolation, $0.guidance, $0.fields, "physical isolation is required: \($0.text)")
        }
        if demands.isEmpty {
            reasons.append(
                Reason(
                    .isolation, [.g9], [.spec("trust"), .spec("compliance"), .spec("cluster")],
                    "nothing requires a control plane of its own and \(target) can meet every need: logical isolation is enough"
                ))
        }
        let field = FieldRef.spec("isolation")
        switch (spec.isolation, required) {
        case (.auto, _):
            reasons.append(
                Reason(
                    .isolation, [], [field],
                    "spec.isolation is auto: tenantctl takes the required \(required.rawValue) isolation"))
            return IsolationChoice(required: required, isolation: required, reasons: reasons)
        case (.physical, .logical):
            reasons.append(
                Reason(
                    .isolation, [.g9], [field],
                    "spec.isolation is physical, stronger than required, and wins: a cluster of its own costs more, runs at lower utilisation and is one more to manage"
                ))
            return IsolationChoice(required: required, isolation: .physical, reasons: reasons)
        case (.physical, .physical), (.logical, .logical):
            reasons.append(Reason(.isolation, [], [field], "spec.isolation is \(required.rawValue), as required"))
            return IsolationChoice(required: required, isolation: required, reasons: reasons)
        case (.logical, .physical):
            let fields = [field] + demands.flatMap(\.fields)
            if options.allowWeaker {
                reasons.append(
                    Reason(
                        .warning, .isolation, [.g9], fields + [.option("--allow-weaker")],
                        "WEAKER THAN REQUIRED: spec.isolation is logical although physical isolation is required (see above); placed on \(target) anyway because of --allow-weaker"
                    ))
            } else {
                reasons.append(
                    Reason(
                        .error, .isolation, [.g9], fields,
                        "spec.isolation is logical, weaker than the physical isolation required (see above); set isolation to physical or auto, target a cluster that meets the need, or pass --allow-weaker to accept the risk"
                    ))
            }
            return IsolationChoice(required: required, isolation: .logical, reasons: reasons)
        }
    }
}
