package serve_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/serve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

const isPath = "content/policies/is.md"

// policy returns the fixture's policy with its body's first sentence replaced.
func policy(sentence string) string {
	return strings.Replace(fixture.Minimal()[isPath], "We protect information.", sentence, 1)
}

func doc(id, title, body string) string {
	return fmt.Sprintf("---\nid: %s\ntitle: %s\ntype: standard\nversion: \"1.0\"\nstatus: approved\n---\n%s\n", id, title, body)
}

// TestEditsReloadAndErrorsOverlay walks through an authoring session: each edit must
// give the right event and the right page, and the server must stay up throughout.
func TestEditsReloadAndErrorsOverlay(t *testing.T) {
	p := start(t, fixture.Minimal())
	ev, hello := p.subscribe()
	if hello.Build == "" || len(hello.Errors) != 0 {
		t.Fatalf("hello = %+v", hello)
	}

	r := p.get("/policies/is.html")
	if r.status != 200 || !strings.Contains(r.body, "We protect information.") || !strings.Contains(r.body, liveHead+"\n</head>") {
		t.Fatalf("policy page: %d\n%s", r.status, r.body)
	}

	// An edit in place: the page is re-sent, unrelated pages are not.
	p.write(isPath, policy("We protect information well."))
	ch := ev.changeOf("policies/is.html")
	for _, unrelated := range []string{"risks/R-1.html", "controls/A.5.1.html", "soa.html", "css/style.css"} {
		if ch.changed(unrelated) {
			t.Errorf("a body edit re-sent %s: %v", unrelated, ch.Changed)
		}
	}
	p.waitPage("/policies/is.html", "We protect information well.")

	// An atomic save: a temporary file renamed over the original.
	p.saveAtomic(isPath, policy("We protect information atomically."))
	ev.changeOf("policies/is.html")
	p.waitPage("/policies/is.html", "We protect information atomically.")

	// A new document in a new directory, then another file in that directory (which
	// must be watched by then).
	p.write("content/standards/crypto.md", doc("STD-CR", "Cryptography standard", "Use AES."))
	ev.changeOf("standards/crypto.html")
	p.waitPage("/standards/crypto.html", "Use AES.")
	p.write("content/standards/keys.md", doc("STD-KEY", "Key management standard", "Rotate keys."))
	ev.changeOf("standards/keys.html")
	p.waitPage("/standards/keys.html", "Rotate keys.")

	// A deletion: the page goes away and its URL gets the 404 page.
	p.remove("content/standards/keys.md")
	ev.changeOf("standards/keys.html")
	if r := p.get("/standards/keys.html"); r.status != 404 || !strings.Contains(r.body, "Page not found") {
		t.Errorf("deleted page: %d\n%s", r.status, r.body)
	}

	// An evidence file outside content/, data/ and themes/ is watched too.
	p.write("evidence/encryption.csv", "device,encrypted\nlaptop-1,yes\nlaptop-2,no\n")
	ev.changeOf("files/evidence/encryption.csv")
	p.waitPage("/files/evidence/encryption.csv", "laptop-2")

	// A broken reference: an error event with the position and source, while the last
	// good page stays.
	broken := policy("We protect information. See [[NOWHERE]].")
	p.write(isPath, broken)
	st := ev.statusWithErrors()
	if len(st.Errors) != 1 {
		t.Fatalf("errors = %+v", st.Errors)
	}
	e := st.Errors[0]
	line := 1 + strings.Count(broken[:strings.Index(broken, "[[NOWHERE]]")], "\n")
	col := strings.Index(broken, "[[NOWHERE]]") - strings.LastIndex(broken[:strings.Index(broken, "[[NOWHERE]]")], "\n")
	if e.Pos != fmt.Sprintf("%s:%d:%d", isPath, line, col) || !strings.Contains(e.Message, `unresolved reference "NOWHERE"`) {
		t.Errorf("error = %+v, want %s:%d:%d", e, isPath, line, col)
	}
	found := false
	for _, l := range e.Source {
		if l.N == line && strings.Contains(l.Text, "[[NOWHERE]]") {
			found = true
		}
	}
	if !found || len(e.Source) < 3 {
		t.Errorf("source excerpt lacks line %d: %+v", line, e.Source)
	}
	if r := p.get("/policies/is.html"); r.status != 200 || !strings.Contains(r.body, "We protect information atomically.") {
		t.Errorf("the last good build is not served while the sources have errors: %d", r.status)
	}
	// A page that connects now learns of the errors at once.
	_, hello2 := p.subscribe()
	if len(hello2.Errors) != 1 || hello2.Errors[0].Pos != e.Pos {
		t.Errorf("hello while broken = %+v", hello2)
	}
	if !strings.Contains(p.log.String(), e.Pos+": unresolved reference") {
		t.Errorf("the terminal does not show the error:\n%s", p.log.String())
	}

	// The fix clears the overlay and reloads the page.
	p.write(isPath, policy("We protect information, fixed."))
	ev.fixed("policies/is.html")
	p.waitPage("/policies/is.html", "We protect information, fixed.")
	if r := p.get("/"); r.status != 200 {
		t.Errorf("home page after the session: %d", r.status)
	}
}

// TestDeleteThenCreate is how some editors save: the file disappears for a moment. The
// preview must not flash errors for it.
func TestDeleteThenCreate(t *testing.T) {
	p := start(t, fixture.Minimal())
	ev, _ := p.subscribe()
	p.remove(isPath)
	p.write(isPath, policy("Saved by delete and create."))
	ev.changeOf("policies/is.html") // fails on an error event first
	p.waitPage("/policies/is.html", "Saved by delete and create.")
}

// TestStylesheetChangeIsCSSOnly: a theme stylesheet edit changes no page, so pages swap
// the stylesheet instead of reloading.
func TestStylesheetChangeIsCSSOnly(t *testing.T) {
	p := start(t, fixture.Minimal().With(fixture.Files{"themes/default/static/css/extra.css": "body { color: black; }\n"}))
	ev, _ := p.subscribe()
	p.write("themes/default/static/css/extra.css", "body { color: navy; }\n")
	ch := ev.changeOf("css/extra.css")
	if len(ch.Changed) != 1 {
		t.Errorf("a stylesheet edit changed %v", ch.Changed)
	}
	p.waitPage("/css/extra.css", "navy")
}

func TestFirstBuildFailsThenRecovers(t *testing.T) {
	p := start(t, fixture.Minimal().With(fixture.Files{isPath: policy("See [[NOWHERE]].")}))
	ev, hello := p.subscribe()
	if len(hello.Errors) != 1 {
		t.Fatalf("hello = %+v", hello)
	}
	r := p.get("/policies/is.html")
	if r.status != 503 || !strings.Contains(r.body, liveHead) {
		t.Errorf("before a good build: %d\n%s", r.status, r.body)
	}
	p.write(isPath, policy("Fixed."))
	ev.next("status")
	ch := ev.next("change").decode(t)
	if !ch.changed("index.html") || !ch.changed("policies/is.html") {
		t.Errorf("first good build does not list every page: %v", ch.Changed)
	}
	p.waitPage("/policies/is.html", "Fixed.")
}

// TestServesOnlyTheBuiltSite checks the URL mapping and the safety rules.
func TestServesOnlyTheBuiltSite(t *testing.T) {
	p := start(t, fixture.Minimal())
	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{"/", 200, "Example ISMS"},
		{"/index.html", 200, "Example ISMS"},
		{"/risks/", 200, "Laptop theft"},
		{"/risks", 302, ""},
		{"/css/style.css", 200, ""},
		{"/policies/is.html?ismsgen=123", 200, "We protect information."},
		{"/nope.html", 404, "Page not found"},
		{"/policies/", 404, "Page not found"}, // a directory without index.html: no listing
		{"/content/policies/is.md", 404, "Page not found"},
		{"/data/site.yaml", 404, "Page not found"},
		{"/evidence/encryption.csv", 404, "Page not found"}, // the source; the built copy is under files/
		{"/files/evidence/encryption.csv", 200, "laptop-1"},
		{"/%2e%2e/%2e%2e/etc/passwd", 404, "Page not found"},
		{"/__ismsgen/live.js", 200, "EventSource"},
		{"/__ismsgen/live.css", 200, ".ismsgen-overlay"},
	} {
		r := p.get(tc.path)
		if r.status != tc.status || !strings.Contains(r.body, tc.want) {
			t.Errorf("GET %s: %d, want %d with %q\n%.300s", tc.path, r.status, tc.status, tc.want, r.body)
		}
		if r.header.Get("Content-Security-Policy") == "" || !strings.Contains(r.header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("GET %s: CSP = %q", tc.path, r.header.Get("Content-Security-Policy"))
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", tc.path)
		}
	}
	if r := p.get("/risks"); r.header.Get("Location") != "/risks/" {
		t.Errorf("/risks redirects to %q", r.header.Get("Location"))
	}
	for path, ct := range map[string]string{"/": "text/html", "/css/style.css": "text/css", "/__ismsgen/live.js": "text/javascript", "/files/evidence/encryption.csv": "text/csv"} {
		if got := p.get(path).header.Get("Content-Type"); !strings.HasPrefix(got, ct) {
			t.Errorf("GET %s: Content-Type %q, want %s", path, got, ct)
		}
	}
	if js := p.get("/__ismsgen/live.js").body; strings.Contains(js, "__ISMSGEN_BUILD__") {
		t.Error("live.js is served without its build")
	}
	if r := p.do(http.MethodPost, "/"); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", r.status)
	}
	if r := p.do(http.MethodHead, "/"); r.status != 200 || r.body != "" {
		t.Errorf("HEAD /: %d %q", r.status, r.body)
	}
	// DNS rebinding: a loopback server answers only for local host names.
	if r := p.do(http.MethodGet, "/", "Host", "attacker.example:1313"); r.status != http.StatusForbidden {
		t.Errorf("foreign Host header: %d", r.status)
	}
	if r := p.do(http.MethodGet, "/", "Host", "localhost:1313"); r.status != 200 {
		t.Errorf("Host localhost: %d", r.status)
	}
}

func TestBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = serve.New(serve.Options{Source: fixture.Write(t, fixture.Minimal()), Port: port})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("port %d on 127.0.0.1 is already in use", port)) || !strings.Contains(err.Error(), "--port 0") {
		t.Fatalf("err = %v", err)
	}
}

func TestWarnsWhenNotLoopback(t *testing.T) {
	p := start(t, fixture.Minimal(), func(o *serve.Options) { o.Bind = "0.0.0.0" })
	p.waitPage("/", "Example ISMS")
	if !strings.Contains(p.log.String(), "warning: listening on 0.0.0.0") {
		t.Errorf("no warning:\n%s", p.log.String())
	}
	if !strings.HasPrefix(p.srv.URL(), "http://127.0.0.1:") {
		t.Errorf("URL = %s", p.srv.URL())
	}
	// Not bound to loopback only: other host names are the operator's choice.
	if r := p.do(http.MethodGet, "/", "Host", "intranet.example"); r.status != 200 {
		t.Errorf("Host intranet.example: %d", r.status)
	}
}

// TestPacksBuildOnRequest: a pack is built when asked for, once per state of the
// sources, and never while the sources have errors.
func TestPacksBuildOnRequest(t *testing.T) {
	var calls atomic.Int32
	p := start(t, fixture.Minimal(), func(o *serve.Options) {
		o.Pack = func(ctx context.Context, res *build.Result, name string) ([]byte, error) {
			g := res.Graph
			if name != "stage1" {
				return nil, fmt.Errorf("no pack %q: %w", name, fs.ErrNotExist)
			}
			n := calls.Add(1)
			e, _ := g.Lookup("POL-IS")
			return []byte(fmt.Sprintf("%%PDF-1.7 build %d of %s", n, e.Title)), nil
		}
	})
	ev, _ := p.subscribe()
	r := p.get("/packs/stage1.pdf")
	if r.status != 200 || r.header.Get("Content-Type") != "application/pdf" || r.body != "%PDF-1.7 build 1 of Information security policy" {
		t.Fatalf("pack: %d %q %q", r.status, r.header.Get("Content-Type"), r.body)
	}
	if r := p.get("/packs/stage1.pdf"); r.body != "%PDF-1.7 build 1 of Information security policy" {
		t.Errorf("second request rebuilt the pack: %q", r.body)
	}
	if r := p.get("/packs/other.pdf"); r.status != 404 {
		t.Errorf("unknown pack: %d", r.status)
	}
	p.write(isPath, strings.Replace(policy("Edited."), "title: Information security policy", "title: IS policy", 1))
	ev.changeOf("policies/is.html")
	if r := p.get("/packs/stage1.pdf"); r.body != "%PDF-1.7 build 2 of IS policy" {
		t.Errorf("pack after a source change: %q", r.body)
	}
	p.write(isPath, policy("[[NOWHERE]]"))
	ev.statusWithErrors()
	if r := p.get("/packs/stage1.pdf"); r.status != http.StatusServiceUnavailable {
		t.Errorf("pack while broken: %d", r.status)
	}
	if calls.Load() != 2 {
		t.Errorf("pack built %d times, want 2", calls.Load())
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	if _, err := serve.New(serve.Options{Source: "/nonexistent/site"}); err == nil {
		t.Error("missing source accepted")
	}
	if _, err := serve.New(serve.Options{Source: t.TempDir(), Port: 70000}); err == nil {
		t.Error("port 70000 accepted")
	}
	_ = errors.New
}

// TestRealPackWhileEditing builds a real, signed pack through build.RenderPack while the
// sources change underneath, which the race detector watches.
func TestRealPackWhileEditing(t *testing.T) {
	p := start(t, fixture.Minimal())
	ev, _ := p.subscribe()
	got := make(chan response, 1)
	go func() { got <- p.get("/packs/stage1.pdf") }()
	for i := range 3 {
		p.write(isPath, policy(fmt.Sprintf("Edit %d while a pack builds.", i)))
		ev.changeOf("policies/is.html")
	}
	r := <-got
	if r.status != 200 || !strings.HasPrefix(r.body, "%PDF-") {
		t.Fatalf("pack: %d %.200q", r.status, r.body)
	}
	// The sources changed since: the next request builds the pack anew, from them.
	if r := p.get("/packs/stage1.pdf"); r.status != 200 || !strings.HasPrefix(r.body, "%PDF-") {
		t.Errorf("pack after the edits: %d %.100q", r.status, r.body)
	}
}
