/// The coding key of an array's item.
struct IndexKey: CodingKey {
    let index: Int

    init(_ index: Int) { self.index = index }
    init?(intValue: Int) { self.init(intValue) }
    init?(stringValue: String) { nil }

    var intValue: Int? { index }
    var stringValue: String { "Index \(index)" }
}

/// The key of a super encoder or decoder, as `JSONEncoder` names it.
enum SuperKey: String, CodingKey {
    case key = "super"
}
