import LiaisonCore
import Testing

@Suite struct CSVWriterTests {
    @Test func plainCellsAreWrittenAsTheyAre() {
        #expect(CSVWriter.row(["Guangzhou", "CN", "2026-11-23", ""]) == "Guangzhou,CN,2026-11-23,")
        #expect(CSVWriter.row([]).isEmpty)
    }

    @Test func cellsWithACommaQuoteOrLineBreakAreQuoted() {
        #expect(CSVWriter.row(["a,b", "c"]) == "\"a,b\",c")
        #expect(CSVWriter.row(["line\nbreak"]) == "\"line\nbreak\"")
        #expect(CSVWriter.row(["line\r\nbreak"]) == "\"line\r\nbreak\"")
        #expect(CSVWriter.row(["a\rb"]) == "\"a\rb\"")
        #expect(CSVWriter.row(["a;b", "a b", "a'b"]) == "a;b,a b,a'b")
    }

    @Test func quotesAreDoubled() {
        #expect(CSVWriter.row(["say \"hi\""]) == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.row(["\""]) == "\"\"\"\"")
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://x.example\",\"x\")", "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"x\"\")\""),
        ("=1+1", "'=1+1"), ("+862083301234", "'+862083301234"), ("-1", "'-1"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"), ("\rcmd", "\"'\rcmd\""), ("\r\ncmd", "\"'\r\ncmd\""),
    ])
    func aCellAFormulaCouldStartWithIsText(cell: String, written: String) {
        #expect(CSVWriter.row([cell]) == written)
    }

    @Test func theFormulaCharactersElsewhereInACellAreLeftAlone() {
        #expect(CSVWriter.row(["a=b", "1+1", "x-y", "chen@gz.gov.cn", " =1"]) == "a=b,1+1,x-y,chen@gz.gov.cn, =1")
    }

    @Test func namesInAnyScriptAreUnchanged() {
        #expect(CSVWriter.row(["陈国", "广州市人民政府", "Agnès", "Москва"]) == "陈国,广州市人民政府,Agnès,Москва")
        #expect(CSVWriter.row(["广州，越秀"]) == "广州，越秀")
    }

    @Test func aDocumentHasAByteOrderMarkAndCRLFLines() {
        let document = CSVWriter.document(
            header: ["name", "native name", "phone"],
            rows: [["CHEN Guo", "陈国", "+862083301234"], ["Agnès, Marie", "", ""]])
        #expect(document == "\u{FEFF}name,native name,phone\r\nCHEN Guo,陈国,'+862083301234\r\n\"Agnès, Marie\",,\r\n")
        #expect(Array(document.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(CSVWriter.document(header: ["name"], rows: []) == "\u{FEFF}name\r\n")
    }
}
