/// A CCE list response: `{"kind": "List", "items": […]}`; a missing `items` reads as empty.
struct CCEList<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]

    enum CodingKeys: String, CodingKey { case items }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
