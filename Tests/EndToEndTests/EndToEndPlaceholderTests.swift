import Testing

@Suite struct EndToEndPlaceholderTests {
    @Test func placeholder() { #expect(Bool(true)) }
}
