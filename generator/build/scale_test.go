package build_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/internal/parallel"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// The scale benchmarks build the same synthetic ISMS (synth.Scale: the documents, the 93
// controls, 500 risks and 500 actions) three ways, each in a child process so that its
// peak memory is its own: ismsgen's full site build, ismsgen check, and the goldmark
// floor (read every document, split its front matter, render it with GFM and chroma,
// write it, on every core). The rows of one run compare them:
//
//	go test -run '^$' -bench Scale -benchtime 3x ./generator/build/
//	ISMSGEN_SCALE_DOCS=1000,5000,20000 go test -run '^$' -bench Scale -benchtime 1x -timeout 1h ./generator/build/
const (
	scaleChildEnv = "ISMSGEN_SCALE_CHILD" // build, check or floor: run that once and exit
	scaleSrcEnv   = "ISMSGEN_SCALE_SRC"
	scaleDestEnv  = "ISMSGEN_SCALE_DEST"
	scaleDocsEnv  = "ISMSGEN_SCALE_DOCS" // sizes to benchmark, comma-separated; default 1000
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(scaleChildEnv); mode != "" {
		if err := scaleChild(mode, os.Getenv(scaleSrcEnv), os.Getenv(scaleDestEnv)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// scaleChild runs one measured job.
func scaleChild(mode, src, dest string) error {
	ctx := context.Background()
	switch mode {
	case "build":
		_, err := build.Run(ctx, build.Options{Source: src, Dest: dest, Date: buildDate, NoPack: true, Version: "bench"})
		return err
	case "check":
		// What ismsgen check runs (its one-shot loader keeps no caches), but git history.
		_, _, err := build.Check(ctx, build.CheckOptions{Source: src, Date: buildDate})
		return err
	case "floor":
		return goldmarkFloor(ctx, src, dest)
	}
	return fmt.Errorf("unknown scale child %q", mode)
}

// goldmarkFloor is the least a Markdown site generator must do for these documents.
func goldmarkFloor(ctx context.Context, src, dest string) error {
	var paths []string
	err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	var mu sync.Mutex
	var firstErr error
	parallel.For(ctx, len(paths), newFloorRenderer, func(r *floorRenderer, i int) {
		if err := r.render(src, dest, paths[i]); err != nil {
			mu.Lock()
			firstErr = err
			mu.Unlock()
		}
	})
	return firstErr
}

type floorRenderer struct {
	md  goldmark.Markdown
	buf bytes.Buffer
}

func newFloorRenderer() *floorRenderer {
	return &floorRenderer{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(&floorCode{
			f: chromahtml.New(chromahtml.WithClasses(true)), lexers: map[string]chroma.Lexer{},
		}, 100))),
	)}
}

func (r *floorRenderer) render(src, dest, p string) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	if bytes.HasPrefix(b, []byte("---\n")) {
		if end := bytes.Index(b[4:], []byte("\n---\n")); end >= 0 {
			b = b[4+end+5:]
		}
	}
	r.buf.Reset()
	if err := r.md.Convert(b, &r.buf); err != nil {
		return err
	}
	rel, _ := filepath.Rel(src, p)
	out := filepath.Join(dest, strings.TrimSuffix(rel, ".md")+".html")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, r.buf.Bytes(), 0o644)
}

// floorCode highlights fenced code with chroma, its lexers looked up once per language.
type floorCode struct {
	f      *chromahtml.Formatter
	lexers map[string]chroma.Lexer
}

func (c *floorCode) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		fc := n.(*ast.FencedCodeBlock)
		lang := string(fc.Language(src))
		lx, ok := c.lexers[lang]
		if !ok {
			if lx = lexers.Get(lang); lx == nil {
				lx = lexers.Fallback
			}
			c.lexers[lang] = lx
		}
		var code strings.Builder
		for i := 0; i < fc.Lines().Len(); i++ {
			seg := fc.Lines().At(i)
			code.Write(seg.Value(src))
		}
		it, err := lx.Tokenise(nil, code.String())
		if err != nil {
			return ast.WalkStop, err
		}
		return ast.WalkSkipChildren, c.f.Format(w, styles.Fallback, it)
	})
}

// scaleRun is one measured child run.
type scaleRun struct {
	elapsed time.Duration
	// cpu is the child's user and system time: on a shared machine the wall time
	// measures the neighbours too, the floor's (on every core) most.
	cpu     time.Duration
	sys     time.Duration // of cpu, the kernel's: mostly creating the files written
	peakMiB float64
	written int64
	files   int // files written: creating one costs the kernel about as much as rendering a page
}

// runScaleChild runs mode on src in a child process and measures it.
func runScaleChild(b *testing.B, mode, src string) scaleRun {
	b.Helper()
	dest := filepath.Join(b.TempDir(), "public")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), scaleChildEnv+"="+mode, scaleSrcEnv+"="+src, scaleDestEnv+"="+dest)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v\n%s", mode, err, stderr.String())
	}
	run := scaleRun{elapsed: time.Since(start), peakMiB: peakMiB(cmd.ProcessState),
		cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), sys: cmd.ProcessState.SystemTime()}
	filepath.WalkDir(dest, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				run.written += fi.Size()
				run.files++
			}
		}
		return nil
	})
	return run
}

// scaleCorpus generates (once per size and corpus version) the synthetic ISMS.
func scaleCorpus(b *testing.B, docs int) (dir string, markdown int64) {
	b.Helper()
	dir = filepath.Join(os.TempDir(), fmt.Sprintf("ismsgen-scale-v2-%d", docs))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err != nil {
		os.RemoveAll(dir)
		if err := synth.GenerateOptions(dir, synth.Scale(docs)); err != nil {
			b.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644)
	}
	filepath.WalkDir(filepath.Join(dir, "content"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				markdown += fi.Size()
			}
		}
		return nil
	})
	return dir, markdown
}

func scaleSizes(b *testing.B) []int {
	v := os.Getenv(scaleDocsEnv)
	if v == "" {
		return []int{1000}
	}
	var out []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("%s=%q: want sizes such as 1000,5000", scaleDocsEnv, v)
		}
		out = append(out, n)
	}
	return out
}

// BenchmarkScale reports, per size: the build's time as ns/op, the floor's time, their
// ratio (x-floor), check's ratio to the build (check-x-build), each one's peak memory,
// the bytes the build wrote against the Markdown's, and the files it wrote against the
// floor's (the floor writes a page per document; the build also the control, risk,
// action, evidence, register and export files); and each one's CPU time, with the
// kernel's share of it (build-sys-s, floor-sys-s) and the ratio of the rest
// (user-x-floor).
func BenchmarkScale(b *testing.B) {
	for _, n := range scaleSizes(b) {
		src, md := scaleCorpus(b, n)
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			var fl, bu, ch scaleRun
			runs := 0
			for b.Loop() {
				f, bb, c := runScaleChild(b, "floor", src), runScaleChild(b, "build", src), runScaleChild(b, "check", src)
				fl.elapsed += f.elapsed
				bu.elapsed += bb.elapsed
				ch.elapsed += c.elapsed
				fl.cpu, bu.cpu, ch.cpu = fl.cpu+f.cpu, bu.cpu+bb.cpu, ch.cpu+c.cpu
				fl.sys, bu.sys = fl.sys+f.sys, bu.sys+bb.sys
				fl.peakMiB, bu.peakMiB, ch.peakMiB = max(fl.peakMiB, f.peakMiB), max(bu.peakMiB, bb.peakMiB), max(ch.peakMiB, c.peakMiB)
				bu.written, bu.files, fl.files = bb.written, bb.files, f.files
				runs++
			}
			per := func(d time.Duration) float64 { return d.Seconds() / float64(runs) }
			b.ReportMetric(float64(bu.elapsed.Nanoseconds())/float64(runs), "ns/op")
			b.ReportMetric(per(fl.elapsed), "floor-s")
			b.ReportMetric(per(bu.elapsed)/per(fl.elapsed), "x-floor")
			b.ReportMetric(per(ch.elapsed)/per(bu.elapsed), "check-x-build")
			b.ReportMetric(per(bu.cpu), "build-cpu-s")
			b.ReportMetric(per(fl.cpu), "floor-cpu-s")
			b.ReportMetric(per(bu.cpu)/per(fl.cpu), "cpu-x-floor")
			// The kernel's share moves most with the disk (a new file cost 0.03-1.4 ms here):
			// user-x-floor is the ratio of the work the programs do themselves.
			b.ReportMetric(per(bu.sys), "build-sys-s")
			b.ReportMetric(per(fl.sys), "floor-sys-s")
			b.ReportMetric(per(bu.cpu-bu.sys)/per(fl.cpu-fl.sys), "user-x-floor")
			b.ReportMetric(bu.peakMiB, "build-peak-MiB")
			b.ReportMetric(fl.peakMiB, "floor-peak-MiB")
			b.ReportMetric(float64(bu.written)/(1<<20), "MiB-written")
			b.ReportMetric(float64(bu.written)/float64(md), "x-markdown-written")
			b.ReportMetric(float64(bu.files), "build-files")
			b.ReportMetric(float64(bu.files)/float64(fl.files), "files-x-floor")
		})
	}
}
