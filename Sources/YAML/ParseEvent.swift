/// One libyaml parsing event, copied out of C memory into Swift values.
struct ParseEvent {
    enum Kind {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        case alias(anchor: String)
        case scalar(ScalarEvent)
        case sequenceStart(anchor: String?, tag: String?)
        case sequenceEnd
        case mappingStart(anchor: String?, tag: String?)
        case mappingEnd
    }

    /// A scalar as the source wrote it; resolution happens later, in the composer.
    struct ScalarEvent {
        var anchor: String?
        var tag: String?
        var text: String
        var style: Scalar.Style
    }

    var kind: Kind
    var mark: Mark
}
