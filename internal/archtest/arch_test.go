package archtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// module is the module path; packages are named relative to it below.
const module = "github.com/ismsgen/ismsgen"

// layers is the order of the module's packages: a package may import packages of its
// own layer or of earlier ones, never of a later one. Every package of the module must
// be in a layer, so that a new one is placed on purpose.
func layers() [][]string {
	return [][]string{
		// The vocabulary and tools every stage shares.
		{"generator/diag", "generator/model", "generator/markdown", "generator/catalog", "generator/manifest",
			"generator/diagram", "generator/pdf", "generator/pdf/font", "generator/pack/layout", "generator/pack/layout/inline", "themes",
			"internal/parallel", "internal/filetree", "internal/fixture", "internal/tooltest", "internal/tsatest",
			"internal/fonttest", "internal/browsertest", "internal/synth", "internal/cmd/synth", "internal/archtest"},
		{"generator/load"},
		{"generator/resolve"},
		{"generator/urls", "internal/fixture/isms", "internal/docfuzz"},
		{"generator/check"},
		{"generator/site", "generator/pack", "generator/export", "generator/oscal", "generator/sign",
			"generator/diagram/render", "generator/importer", "generator/importer/comply", "generator/scaffold"},
		{"generator/build"},
		{"generator/versions", "generator/serve"},
		{"cmd/ismsgen"},
	}
}

// pkg is what go list says of a package.
type pkg struct {
	ImportPath, Name, Dir              string
	GoFiles, IgnoredGoFiles            []string
	Imports, TestImports, XTestImports []string
}

// rel is the package's path relative to the module, "" for a package outside it.
func rel(path string) string {
	if path == module {
		return "."
	}
	r, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return ""
	}
	return r
}

// listed is go list's answer, asked once for all the tests.
var listed = sync.OnceValues(goList)

// list returns the module's packages by relative path.
func list(t *testing.T) map[string]pkg {
	t.Helper()
	pkgs, err := listed()
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func goList() (map[string]pkg, error) {
	cmd := exec.Command("go", "list", "-json", "./...")
	cmd.Dir = filepath.Join("..", "..")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, stderr.Bytes())
	}
	pkgs := map[string]pkg{}
	for dec := json.NewDecoder(bytes.NewReader(out)); dec.More(); {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			return nil, err
		}
		pkgs[rel(p.ImportPath)] = p
	}
	if len(pkgs) < 10 {
		return nil, fmt.Errorf("go list found %d packages", len(pkgs))
	}
	return pkgs, nil
}

// imports returns the module packages among paths, relative.
func imports(paths []string) []string {
	var out []string
	for _, p := range paths {
		if r := rel(p); r != "" {
			out = append(out, r)
		}
	}
	return out
}

func TestImportsOnlyForward(t *testing.T) {
	pkgs := list(t)
	layer := map[string]int{}
	for i, l := range layers() {
		for _, p := range l {
			layer[p] = i
		}
	}
	for name := range pkgs {
		if _, ok := layer[name]; !ok {
			t.Errorf("package %s is in no layer of layers(): place it in the import order", name)
		}
	}
	for name, p := range pkgs {
		for _, imp := range imports(p.Imports) {
			if layer[imp] > layer[name] {
				t.Errorf("%s imports %s, a later stage", name, imp)
			}
		}
		// A stage's own tests use earlier stages only (test helpers under internal/ may
		// drive the whole pipeline).
		if strings.HasPrefix(name, "internal/") {
			continue
		}
		for _, imp := range imports(p.TestImports) {
			if layer[imp] > layer[name] && !strings.HasPrefix(imp, "internal/") {
				t.Errorf("%s's in-package tests import %s, a later stage", name, imp)
			}
		}
	}
}

func TestThinServeAndCommand(t *testing.T) {
	pkgs := list(t)
	for _, imp := range imports(pkgs["generator/serve"].Imports) {
		if !slices.Contains([]string{"generator/build", "generator/diag", "generator/model"}, imp) {
			t.Errorf("serve imports %s: it reaches the pipeline through build only", imp)
		}
	}
	var gen []string
	for _, imp := range imports(pkgs["cmd/ismsgen"].Imports) {
		if strings.HasPrefix(imp, "generator/") {
			gen = append(gen, imp)
		}
	}
	if len(gen) > 8 {
		t.Errorf("the command imports %d generator packages, at most 8: %v", len(gen), gen)
	}
}

func TestSignAndPackSharePDF(t *testing.T) {
	pkgs := list(t)
	for _, name := range []string{"generator/sign", "generator/pack"} {
		imps := imports(pkgs[name].Imports)
		if !slices.Contains(imps, "generator/pdf") {
			t.Errorf("%s does not use generator/pdf", name)
		}
		for _, other := range []string{"generator/sign", "generator/pack", "generator/pack/layout"} {
			if other != name && !(name == "generator/pack" && other == "generator/pack/layout") && slices.Contains(imps, other) {
				t.Errorf("%s imports %s: the two share generator/pdf instead", name, other)
			}
		}
	}
}

// The fixture base imports no generator package, so that any package's own tests
// (load's, model's) can write sites with it.
func TestFixtureImportsNoGeneratorPackage(t *testing.T) {
	for _, imp := range imports(list(t)["internal/fixture"].Imports) {
		if strings.HasPrefix(imp, "generator/") {
			t.Errorf("internal/fixture imports %s", imp)
		}
	}
}

// sources returns the package's non-test Go files for every system, parsed with
// comments.
func sources(t *testing.T, fset *token.FileSet, p pkg) map[string]*ast.File {
	t.Helper()
	out := map[string]*ast.File{}
	for _, f := range append(slices.Clone(p.GoFiles), p.IgnoredGoFiles...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, filepath.Join(p.Dir, f), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = file
	}
	return out
}

func TestPackageSynopses(t *testing.T) {
	for name, p := range list(t) {
		fset := token.NewFileSet()
		var docs []string
		for f, file := range sources(t, fset, p) {
			if file.Doc == nil {
				continue
			}
			docs = append(docs, f)
			if f != "doc.go" && f != p.Name+".go" {
				t.Errorf("%s: the package comment is in %s, not doc.go or %s.go", name, f, p.Name)
			}
			want := "Package " + p.Name + " "
			if p.Name == "main" {
				want = "Command " + filepath.Base(p.Dir) + " "
			}
			syn := doc.Synopsis(file.Doc.Text())
			if !strings.HasPrefix(syn, want) || !strings.HasSuffix(syn, ".") {
				t.Errorf("%s/%s: synopsis %q is not one sentence starting %q", name, f, syn, want)
			}
		}
		if len(docs) != 1 {
			t.Errorf("%s: package comments in %v, want exactly one", name, docs)
		}
	}
}

func TestNoLongFilesNoInit(t *testing.T) {
	for name, p := range list(t) {
		fset := token.NewFileSet()
		for f, file := range sources(t, fset, p) {
			b, err := os.ReadFile(filepath.Join(p.Dir, f))
			if err != nil {
				t.Fatal(err)
			}
			if n := bytes.Count(b, []byte("\n")); n > 500 {
				t.Errorf("%s/%s has %d lines, at most 500", name, f, n)
			}
			for _, d := range file.Decls {
				if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
					t.Errorf("%s: func init", fset.Position(fn.Pos()))
				}
			}
		}
	}
}

// Package variables are tables, patterns and sentinel errors: no function assigns to
// one (x = …, x[k] = …, x.f = …, x++), so no state outlives a call.
func TestNoMutablePackageVariables(t *testing.T) {
	for name, p := range list(t) {
		fset := token.NewFileSet()
		files := sources(t, fset, p)
		globals := map[string]bool{}
		for _, file := range files {
			for _, d := range file.Decls {
				if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
					for _, s := range g.Specs {
						for _, id := range s.(*ast.ValueSpec).Names {
							globals[id.Name] = true
						}
					}
				}
			}
		}
		for _, file := range files {
			for _, d := range file.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				for _, id := range assigned(fn) {
					if globals[id.Name] {
						t.Errorf("%s: %s assigns package variable %s of %s", fset.Position(id.Pos()), fn.Name.Name, id.Name, name)
					}
				}
			}
		}
	}
}

// assigned returns the root names that fn assigns to and does not declare itself
// (parameters, results, :=, var): names it cannot have meant locally.
func assigned(fn *ast.FuncDecl) []*ast.Ident {
	local := map[string]bool{}
	declare := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				local[n.Name] = true
			}
		}
	}
	declare(fn.Recv)
	declare(fn.Type.Params)
	declare(fn.Type.Results)
	var out []*ast.Ident
	root := func(e ast.Expr) *ast.Ident {
		for {
			switch x := e.(type) {
			case *ast.Ident:
				return x
			case *ast.IndexExpr:
				e = x.X
			case *ast.SelectorExpr:
				e = x.X
			case *ast.StarExpr:
				e = x.X
			case *ast.ParenExpr:
				e = x.X
			default:
				return nil
			}
		}
	}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			declare(x.Type.Params)
			declare(x.Type.Results)
		case *ast.ValueSpec:
			for _, id := range x.Names {
				local[id.Name] = true
			}
		case *ast.RangeStmt:
			if x.Tok == token.DEFINE {
				for _, e := range []ast.Expr{x.Key, x.Value} {
					if id, ok := e.(*ast.Ident); ok {
						local[id.Name] = true
					}
				}
			}
		case *ast.TypeSwitchStmt:
			if a, ok := x.Assign.(*ast.AssignStmt); ok {
				for _, e := range a.Lhs {
					local[e.(*ast.Ident).Name] = true
				}
			}
		case *ast.AssignStmt:
			for _, e := range x.Lhs {
				id := root(e)
				if id == nil || id.Name == "_" {
					continue
				}
				if x.Tok == token.DEFINE {
					local[id.Name] = true
					continue
				}
				if !local[id.Name] {
					out = append(out, id)
				}
			}
		case *ast.IncDecStmt:
			if id := root(x.X); id != nil && !local[id.Name] {
				out = append(out, id)
			}
		}
		return true
	})
	return out
}

// TestAssignedFindsPackageVariables keeps the check above honest: it finds what it is
// for and passes what is local.
func TestAssignedFindsPackageVariables(t *testing.T) {
	src := `package p
var count int
var table = map[string]int{}
func bad() { count++; table["x"] = 1 }
func fine(count int) { table := map[string]int{}; table["x"] = count; count = 2; for k := range table { k = "" ; _ = k } }
`
	file, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range file.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok {
			for _, id := range assigned(fn) {
				got = append(got, fn.Name.Name+":"+id.Name)
			}
		}
	}
	if want := []string{"bad:count", "bad:table"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("assigned = %v, want %v", got, want)
	}
}

// writerExceptions are the files of generator/ and cmd/ that write files other than
// through internal/filetree, and why; any other file doing so fails TestOneWriter.
func writerExceptions() map[string]string {
	return map[string]string{
		"generator/diagram/render/chrome.go": "the browser's harness page, in a temporary directory removed after drawing",
		"generator/versions/releases.go":     "a release's sources, extracted from git into a temporary work tree",
	}
}

// TestOneWriter: the stages and the command write files only through internal/filetree
// (Write, Replace, ReplaceIn, Create, Tree): no os.WriteFile, os.Create, os.CreateTemp,
// os.Rename or OpenFile for writing of their own.
func TestOneWriter(t *testing.T) {
	writes := map[string]bool{"WriteFile": true, "Create": true, "CreateTemp": true, "Rename": true, "Link": true, "Symlink": true, "Truncate": true}
	writeFlags := map[string]bool{"O_WRONLY": true, "O_RDWR": true, "O_CREATE": true, "O_APPEND": true, "O_TRUNC": true}
	found := map[string]bool{}
	for name, p := range list(t) {
		if !strings.HasPrefix(name, "generator/") && !strings.HasPrefix(name, "cmd/") {
			continue
		}
		fset := token.NewFileSet()
		for f, file := range sources(t, fset, p) {
			where := name + "/" + f
			ast.Inspect(file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				write := false
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "os" && writes[sel.Sel.Name] {
					write = true
				}
				if sel.Sel.Name == "OpenFile" && len(call.Args) >= 2 {
					ast.Inspect(call.Args[1], func(n ast.Node) bool {
						if id, ok := n.(*ast.Ident); ok && writeFlags[id.Name] {
							write = true
						}
						return true
					})
				}
				if !write {
					return true
				}
				found[where] = true
				if _, ok := writerExceptions()[where]; !ok {
					t.Errorf("%s: %s.%s writes a file: write through internal/filetree", fset.Position(call.Pos()), exprName(sel.X), sel.Sel.Name)
				}
				return true
			})
		}
	}
	for f := range writerExceptions() {
		if !found[f] {
			t.Errorf("%s writes no file any more: drop it from writerExceptions", f)
		}
	}
}

// exprName is the name of a call's receiver, for messages.
func exprName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "…"
}
