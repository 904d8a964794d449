import Testing

@Suite struct TenancyCorePlaceholderTests {
    @Test func placeholder() { #expect(Bool(true)) }
}
