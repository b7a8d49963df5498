package serve

import (
	"context"
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/ismsgen/ismsgen/generator/build"
)

// The XLSX exports cost far more than the rest of a rebuild, so the preview writes one
// only when it is downloaded, from the current sources, and keeps it until a source
// changes (in the pack cache, under a name no pack has).

// serveWorkbook answers /exports/<kind>.xlsx; file is the output path.
func (s *Server) serveWorkbook(w http.ResponseWriter, r *http.Request, file string) {
	snap := s.snap.Load()
	res := snap.res
	b, err := s.packs.get(s.ctx, r.Context(), snap.sources, "\x00"+file, func(context.Context) (b []byte, err error) {
		defer func() {
			if v := recover(); v != nil { // the preview outlives a broken export
				b, err = nil, fmt.Errorf("internal error: %v", v)
			}
		}()
		return build.Workbook(res, file)
	})
	s.serveMade(w, r, snap, "writing "+file, b, err, contentType(file), `attachment; filename="`+path.Base(file)+`"`)
}

// isWorkbook reports whether p is the output path of an XLSX export.
func isWorkbook(p string) bool {
	rest, ok := strings.CutPrefix(p, "exports/")
	return ok && !strings.Contains(rest, "/") && strings.HasSuffix(rest, ".xlsx") && len(rest) > len(".xlsx")
}
