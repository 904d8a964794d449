import Testing

@Suite struct SandboxPlaceholderTests {
    @Test func placeholder() { #expect(Bool(true)) }
}
