import Testing

@testable import LiaisonCore

/// The QR encoder against matrices drawn by Python's qrcode package (QRCodeFixtures, scripts/qr-fixtures.py).
@Suite struct QRCodeTests {
    func rows(_ code: QRCode) -> [String] {
        code.modules.map { String($0.map { $0 ? "#" : "." }) }
    }

    @Test func helloWorldInByteModeMatchesTheReferenceUnderEveryMask() throws {
        let expected = [
            QRCodeFixtures.helloMask0, QRCodeFixtures.helloMask1, QRCodeFixtures.helloMask2,
            QRCodeFixtures.helloMask3, QRCodeFixtures.helloMask4, QRCodeFixtures.helloMask5,
            QRCodeFixtures.helloMask6, QRCodeFixtures.helloMask7,
        ]
        for (mask, reference) in expected.enumerated() {
            let code = try QRCode("HELLO WORLD", mask: mask)
            #expect(code.version == 1 && code.size == 21)
            #expect(rows(code) == reference, "mask \(mask)")
        }
        // The mask with the lowest penalty is the one the reference picks.
        let chosen = try QRCode("HELLO WORLD")
        #expect(chosen.mask == QRCodeFixtures.helloPythonMask)
        #expect(rows(chosen) == expected[chosen.mask])
    }

    @Test func anOTPAuthAddressNeedsVersion8WithItsVersionBits() throws {
        let address =
            "otpauth://totp/Liaison:agnes.bickart%40metropolis.example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            + "&issuer=Liaison&digits=6"
        let code = try QRCode(address)
        #expect(code.version == 8 && code.size == 49)
        #expect(code.mask == QRCodeFixtures.otpauthPythonMask)
        #expect(rows(code) == QRCodeFixtures.otpauthMask7)
    }

    @Test func reedSolomonOfAKnownBlock() {
        // The worked example of ISO/IEC 18004 annex I: "01234567" in version 1-M.
        let data: [UInt8] = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
        ]
        let ecc = ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test func moreThanVersion10HoldsIsRefused() {
        #expect(throws: QRCode.Failure.tooLong(300)) { try QRCode(String(repeating: "a", count: 300)) }
        #expect((try? QRCode(String(repeating: "a", count: 213)))?.version == 10)
    }
}
