import Testing

@testable import LiaisonWeb

@Suite struct SecretsTests {
    @Test func theHashIsSHA256InLowercaseHex() {
        #expect(Secrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
