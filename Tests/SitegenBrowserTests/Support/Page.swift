import Foundation
import SitegenTestSupport

/// One browser tab: navigation, real mouse clicks and key presses, script
/// evaluation, screenshots, and the record of what the tab requested and
/// logged.
final class Page {
    let browser: Browser
    let session: String
    /// Events before this mark belong to an earlier part of the test.
    private(set) var recordingStart: Int

    init(browser: Browser, session: String) {
        self.browser = browser
        self.session = session
        self.recordingStart = browser.eventCount
    }

    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        try browser.send(method, params, session: session)
    }

    // MARK: Viewport and media

    /// Sets the viewport; `mobile` also applies the page's `<meta name=viewport>`.
    func setViewport(width: Int, height: Int, mobile: Bool) throws {
        try call(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
    }

    /// Emulates `prefers-color-scheme: light` or `dark`.
    func setColorScheme(_ scheme: String) throws {
        try call("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": scheme]]])
    }

    // MARK: Navigation

    /// Loads `url` and waits for its load event.
    func open(_ url: URL) throws {
        let mark = browser.eventCount
        let result = try call("Page.navigate", ["url": url.absoluteString])
        if let error = result["errorText"] as? String {
            throw TestContent.Failure("could not open \(url.absoluteString): \(error)")
        }
        try browser.waitForEvent("Page.loadEventFired", session: session, after: mark)
    }

    /// Runs `action` (a click, a key press) and waits for the page it navigates to.
    func waitingForNavigation(_ action: () throws -> Void) throws {
        try waiting(for: "Page.loadEventFired", action)
    }

    /// Runs `action` and waits for the tab's next `event`.
    func waiting(for event: String, _ action: () throws -> Void) throws {
        let mark = browser.eventCount
        try action()
        try browser.waitForEvent(event, session: session, after: mark)
    }

    /// Goes one entry back in the tab's history, as the Back button does, and
    /// waits for that page to load. (`history.back()` from a script would
    /// race its own evaluation against the navigation.)
    func goBack() throws {
        let history = try call("Page.getNavigationHistory")
        let entries = history["entries"] as? [[String: Any]] ?? []
        let current = history["currentIndex"] as? Int ?? 0
        guard current > 0, current - 1 < entries.count, let entry = entries[current - 1]["id"] as? Int else {
            throw TestContent.Failure("no page to go back to")
        }
        try waitingForNavigation { try call("Page.navigateToHistoryEntry", ["entryId": entry]) }
    }

    var url: String {
        get throws { try evaluate("location.href") as? String ?? "" }
    }

    // MARK: Script

    /// Evaluates `expression` in the page and returns its value as JSON
    /// (awaiting it when it is a promise); a thrown exception fails.
    @discardableResult
    func evaluate(_ expression: String, awaitPromise: Bool = false) throws -> Any? {
        let result = try call(
            "Runtime.evaluate",
            ["expression": expression, "returnByValue": true, "awaitPromise": awaitPromise])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            let detail = (exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? exception
            throw TestContent.Failure("script failed: \(detail)\nin: \(expression.prefix(200))")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// The trimmed text of the first element matching `selector`, or nil.
    func text(_ selector: String) throws -> String? {
        try evaluate("document.querySelector(\(jsString(selector)))?.textContent.trim() ?? null") as? String
    }

    // MARK: Input

    /// Clicks the middle of the element that `script` returns (scrolled into
    /// view first) with real mouse events. Returns the element's resolved
    /// `href`, if it has one.
    @discardableResult
    func click(element script: String) throws -> String? {
        let found = try evaluate(
            """
            (() => {
              const element = \(script);
              if (!element) return null;
              element.scrollIntoView({block: "center", inline: "center"});
              const box = element.getClientRects()[0] || element.getBoundingClientRect();
              return {x: box.left + box.width / 2, y: box.top + box.height / 2, href: element.href || null};
            })()
            """)
        guard let point = found as? [String: Any], let x = point["x"] as? Double, let y = point["y"] as? Double
        else { throw TestContent.Failure("nothing to click: \(script)") }
        for type in ["mouseMoved", "mousePressed", "mouseReleased"] {
            var event: [String: Any] = ["type": type, "x": x, "y": y]
            if type != "mouseMoved" {
                event["button"] = "left"
                event["clickCount"] = 1
            }
            try call("Input.dispatchMouseEvent", event)
        }
        return point["href"] as? String
    }

    /// Clicks the first element matching `selector`.
    @discardableResult
    func click(_ selector: String) throws -> String? {
        try click(element: "document.querySelector(\(jsString(selector)))")
    }

    /// Types `text` into the focused element, as the keyboard's text input does.
    func type(_ text: String) throws {
        try call("Input.insertText", ["text": text])
    }

    /// Presses and releases a named key (`Enter`, `Tab`, `Backspace`).
    func press(_ key: String, modifiers: Int = 0) throws {
        let codes = ["Enter": 13, "Tab": 9, "Backspace": 8, "Escape": 27]
        let code = codes[key] ?? 0
        var down: [String: Any] = [
            "type": "keyDown", "key": key, "code": key, "windowsVirtualKeyCode": code, "modifiers": modifiers,
        ]
        if key == "Enter" { down["text"] = "\r" }
        try call("Input.dispatchKeyEvent", down)
        try call(
            "Input.dispatchKeyEvent",
            ["type": "keyUp", "key": key, "code": key, "windowsVirtualKeyCode": code, "modifiers": modifiers])
    }

    // MARK: Screenshots

    /// Saves the whole page (not only the viewport) as a PNG at `file`.
    func screenshot(to file: URL) throws {
        let metrics = try call("Page.getLayoutMetrics")
        let content = metrics["cssContentSize"] as? [String: Any] ?? [:]
        let viewport = metrics["cssLayoutViewport"] as? [String: Any] ?? [:]
        let width = (viewport["clientWidth"] as? Double) ?? (content["width"] as? Double) ?? 1280
        let height = (content["height"] as? Double) ?? 800
        let shot = try call(
            "Page.captureScreenshot",
            [
                "format": "png", "captureBeyondViewport": true,
                "clip": ["x": 0, "y": 0, "width": width, "height": height, "scale": 1],
            ])
        guard let base64 = shot["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw TestContent.Failure("Chromium returned no screenshot")
        }
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    // MARK: What the page asked for and said

    /// Starts a new record: requests and console messages before now are forgotten.
    func startRecording() { recordingStart = browser.eventCount }

    private var recorded: [Browser.Event] {
        browser.events(since: recordingStart).filter { $0.session == session }
    }

    /// Every URL the tab requested since recording started.
    var requestedURLs: [String] {
        recorded.filter { $0.method == "Network.requestWillBeSent" }.compactMap {
            ($0.params["request"] as? [String: Any])?["url"] as? String
        }
    }

    /// Console errors, uncaught exceptions, error log entries and failed loads since recording started.
    var problems: [String] {
        recorded.compactMap { event -> String? in
            let params = event.params
            switch event.method {
            case "Runtime.consoleAPICalled":
                guard let type = params["type"] as? String, type == "error" || type == "assert" else { return nil }
                let args = (params["args"] as? [[String: Any]] ?? []).map {
                    "\($0["value"] ?? $0["description"] ?? "?")"
                }
                return "console.\(type): " + args.joined(separator: " ")
            case "Runtime.exceptionThrown":
                let details = params["exceptionDetails"] as? [String: Any] ?? [:]
                let description = (details["exception"] as? [String: Any])?["description"] ?? details["text"] ?? "?"
                return "uncaught exception: \(description) at \(details["url"] ?? "?")"
            case "Log.entryAdded":
                let entry = params["entry"] as? [String: Any] ?? [:]
                guard entry["level"] as? String == "error" else { return nil }
                return "log error: \(entry["text"] ?? "?") (\(entry["url"] ?? "no URL"))"
            case "Network.loadingFailed":
                return "failed load: \(params["errorText"] ?? "?") (request \(params["requestId"] ?? "?"))"
            default:
                return nil
            }
        }
    }
}

/// `text` as a JavaScript string literal.
func jsString(_ text: String) -> String {
    let data = try? JSONSerialization.data(withJSONObject: [text])
    let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
    return String(array.dropFirst().dropLast())
}
