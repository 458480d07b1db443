import Dispatch
import Synchronization
import Testing

@testable import SitegenBase

@Suite("Base: work pending on another thread")
struct PendingTests {
    /// The work runs on another thread: it waits for a signal this thread
    /// sends only once `Pending` has been made. Run in the caller, it
    /// would give up waiting and say so.
    @Test func theWorkRunsWhileTheCallerGoesOn() {
        let go = DispatchSemaphore(value: 0)
        let pending = Pending { go.wait(timeout: .now() + 10) == .success }
        go.signal()
        #expect(pending.take())
    }

    /// The result is the one run's.
    @Test func theResultIsTheWorks() {
        let runs = Atomic<Int>(0)
        let pending = Pending { runs.add(1, ordering: .relaxed).newValue * 7 }
        #expect(pending.take() == 7)
        #expect(runs.load(ordering: .relaxed) == 1)
    }
}
