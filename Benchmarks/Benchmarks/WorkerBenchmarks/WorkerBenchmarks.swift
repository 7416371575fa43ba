import Benchmark
import Vigie

let benchmarks: @Sendable () -> Void = {
}
