package browsertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// serve serves the output directory as a plain static web server would: a directory
// address serves its index.html, and a missing address gets 404.html with status 404
// (as nginx's error_page does). Unlike http.FileServer it does not redirect
// .../index.html to .../, so a page's address stays the one its links name.
func serve(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") {
			p = path.Join(p, "index.html")
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		status := http.StatusOK
		f, err := os.Open(full)
		if err == nil {
			if fi, serr := f.Stat(); serr != nil || fi.IsDir() {
				f.Close()
				err = os.ErrNotExist
			}
		}
		if err != nil {
			status = http.StatusNotFound
			if f, err = os.Open(filepath.Join(dir, "404.html")); err != nil {
				http.NotFound(w, r)
				return
			}
			full = "404.html"
		}
		defer f.Close()
		if status == http.StatusNotFound {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			io.Copy(w, f)
			return
		}
		http.ServeContent(w, r, full, time.Time{}, f)
	}))
	t.Cleanup(srv.Close)
	return srv
}
