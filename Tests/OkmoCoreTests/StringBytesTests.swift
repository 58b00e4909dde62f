import XCTest
import Foundation
@testable import OkmoCore

/// `withUTF8Bytes` reads a string's bytes without the copy `withUTF8` takes: it must give the
/// same bytes for every kind of string storage (small, large, sliced, made by Foundation).
final class StringBytesTests: XCTestCase {
    func testBytesAreTheUTF8View() {
        let large = String(repeating: "Белгородской, Иркутской областей ", count: 40)
        let strings: [String] = [
            "", "a", "Пенза", "fifteen bytes!!", "sixteen bytes!!!", "😀 ё Ё «»", large,
            String(large.dropFirst(3).prefix(50)),                // made from a substring
            String(decoding: [0x41, 0xFF, 0x42], as: UTF8.self),  // repaired bytes
            NSString(string: "Тамбов, Tambov").description,         // made by Foundation
            String(format: "%@ %d", "Курск", 46),
        ]
        for s in strings {
            XCTAssertEqual(s.withUTF8Bytes { Array($0) }, Array(s.utf8), s.debugDescription)
        }
    }
}
