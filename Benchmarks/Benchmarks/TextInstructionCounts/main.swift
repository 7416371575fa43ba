// Instruction counts of INS-form normalisation, for valgrind's callgrind (load-independent, unlike wall clock):
//   TextInstructionCounts <names file, one per line> <mode> <passes>
// mode: none (load only), bytes (normalise(utf8:into:)), bytesICU (referenceNormalise(utf8:into:)),
// string (normalise(String)), stringICU (referenceNormalise(String)). Per-name cost =
// (Ir(mode, passes) − Ir(none)) / (passes × names). The ICU transliterator is opened during loading (one
// warm-up call), so its one-time setup is not counted.
import Foundation
import Vigie

let arguments = CommandLine.arguments
guard arguments.count == 4, let passes = Int(arguments[3]),
      let text = try? String(contentsOfFile: arguments[1], encoding: .utf8)
else {
    FileHandle.standardError.write(Data("usage: TextInstructionCounts <names file> <mode> <passes>\n".utf8))
    exit(2)
}
let names = text.split(separator: "\n").map(String.init)
let utf8 = names.map { Array($0.utf8) }
_ = try? INSForm.referenceNormalise("É")  // opens the transliterator outside the measured part
let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: INSForm.defaultLimit)
var checksum = 0
for _ in 0..<passes {
    switch arguments[2] {
    case "bytes":
        for name in utf8 { name.withUnsafeBufferPointer { checksum &+= (try? INSForm.normalise(utf8: $0, into: output)) ?? 0 } }
    case "bytesICU":
        for name in utf8 { name.withUnsafeBufferPointer { checksum &+= (try? INSForm.referenceNormalise(utf8: $0, into: output)) ?? 0 } }
    case "string":
        for name in names { checksum &+= (try? INSForm.normalise(name))?.utf8.count ?? 0 }
    case "stringICU":
        for name in names { checksum &+= (try? INSForm.referenceNormalise(name))?.utf8.count ?? 0 }
    default:
        break
    }
}
print(names.count, checksum)
