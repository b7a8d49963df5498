package serve

import (
	"bytes"
	_ "embed"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// live.js is the page side of the preview; live.css styles its error overlay. They are
// files, not inline code, because the Content-Security-Policy allows scripts and styles
// from the server only.
var (
	//go:embed live.js
	liveJS []byte
	//go:embed live.css
	liveCSS []byte
)

// buildPlaceholder in live.js is replaced by the build the script is served with.
const buildPlaceholder = "__ISMSGEN_BUILD__"

// contentSecurityPolicy lets pages load nothing from anywhere but the preview itself:
// the site is made offline-first, and this proves it while authoring.
const contentSecurityPolicy = "default-src 'self'; base-uri 'self'; form-action 'self'"

// handler serves the live assets, the event stream, packs and the site. Only what the
// last good build holds is served: paths index a map of built files, so no request can
// reach the sources or anything else on disk, and there are no directory listings.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__ismsgen/live.js", s.serveLiveJS)
	mux.HandleFunc("GET /__ismsgen/live.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		serveBytes(w, r, liveCSS)
	})
	mux.HandleFunc("GET /__ismsgen/events", s.serveEvents)
	mux.HandleFunc("GET /", s.serveSite)
	return s.guard(mux)
}

// guard sets the security headers on every response and, on a loopback-only server,
// refuses requests for other host names: a web page elsewhere could otherwise point a
// domain at 127.0.0.1 (DNS rebinding) and read the ISMS through the reader's browser.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if s.loopback && !localHost(r.Host) {
			http.Error(w, "ismsgen serve answers only requests for localhost or a loopback address, not "+strconv.Quote(r.Host), http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// localHost reports whether a Host header names this machine.
func localHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) serveLiveJS(w http.ResponseWriter, r *http.Request) {
	// The build the page was loaded from: a page that connects and hears of another
	// build missed a change and reloads.
	snap := s.snap.Load()
	js := bytes.Replace(liveJS, []byte(buildPlaceholder), []byte(s.buildID(snap.gen)), 1)
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	serveBytes(w, r, js)
}

// serveSite serves a built file: /dir/ is dir/index.html, /dir redirects to /dir/ when
// that exists, anything else is the site's 404 page with status 404.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	name := sitePath(r.URL.Path)
	if snap.files == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		if r.Method != http.MethodHead {
			w.Write(placeholderPage())
		}
		return
	}
	if pack, ok := packName(name); ok {
		s.servePack(w, r, pack)
		return
	}
	if b, ok := snap.files[name]; ok {
		w.Header().Set("Content-Type", contentType(name))
		serveBytes(w, r, b)
		return
	}
	if isWorkbook(name) && snap.res != nil && snap.errors == nil {
		if _, csv := snap.files[strings.TrimSuffix(name, ".xlsx")+".csv"]; csv {
			s.serveWorkbook(w, r, name)
			return
		}
	}
	if _, ok := snap.files[path.Join(name, "index.html")]; ok && !strings.HasSuffix(r.URL.Path, "/") {
		target := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		// 302, not 301: a browser caches a permanent redirect, and the next edit may
		// turn the directory into a page.
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	s.serveNotFound(w, r, snap)
}

// serveNotFound serves the site's 404 page.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	b, ok := snap.files["404.html"]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// sitePath maps a URL path to the path of a built file ("" and directories get
// index.html). path.Clean removes every "..", so the result stays inside the site.
func sitePath(urlPath string) string {
	p := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if p == "" {
		return "index.html"
	}
	if strings.HasSuffix(urlPath, "/") {
		return p + "/index.html"
	}
	return p
}

// serveBytes writes a file's bytes. The preview must never be cached: every request
// gets the current build.
func serveBytes(w http.ResponseWriter, r *http.Request, b []byte) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// contentType names the media type of a built file. A fixed table, not the system's
// mime.types, so that the preview behaves the same on every machine; with nosniff the
// browser trusts it.
func contentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".xml":
		return "application/xml"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".ico":
		return "image/x-icon"
	case ".pdf":
		return "application/pdf"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	}
	return "application/octet-stream"
}
