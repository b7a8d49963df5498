//go:build unix

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// runWithin runs ismsgen like runCLI, failing the test if it does not finish in time
// (a build that opens a named pipe waits for a writer forever).
func runWithin(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, &stdio{out: &out, err: &errb, env: func(string) string { return "" }}, args)
	}()
	select {
	case code = <-done:
		return code, out.String(), errb.String()
	case <-ctx.Done():
		t.Fatalf("ismsgen %s did not finish: it blocked on a source file", strings.Join(args, " "))
		return 0, "", ""
	}
}

// tree hashes every file under dir, by slash path.
func tree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// assertNoSecretIn fails if the secret is in any file under dir, PDFs included with
// their (deflate-compressed) streams and attachments uncompressed by qpdf.
func assertNoSecretIn(t *testing.T, dir, secret string) {
	t.Helper()
	qpdf := tooltest.Need(t, "qpdf")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".pdf") {
			plain := filepath.Join(t.TempDir(), "plain.pdf")
			if out, err := exec.Command(qpdf, "--stream-data=uncompress", "--object-streams=disable", p, plain).CombinedOutput(); err != nil {
				t.Errorf("qpdf %s: %v\n%s", p, err, out)
			}
			u, err := os.ReadFile(plain)
			if err != nil {
				return err
			}
			b = append(b, u...)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("the secret is in the output: %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// secretFile writes a file outside any site holding a secret, and returns both.
func secretFile(t *testing.T) (path, secret string) {
	secret = fmt.Sprintf("ismsgen-cli-secret-%d", time.Now().UnixNano())
	path = filepath.Join(t.TempDir(), "outside.md")
	if err := os.WriteFile(path, []byte("---\ntitle: "+secret+"\n---\n"+secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, secret
}

// attack is a site file planted by a test, and the error the build must stop with.
type attack struct {
	name  string
	plant func(t *testing.T, src string) (secret string) // "" for none
	want  string                                         // path:line:col: message, or a prefix of it
}

func linkOut(path string) func(t *testing.T, src string) string {
	return func(t *testing.T, src string) string {
		out, secret := secretFile(t)
		if err := os.Symlink(out, filepath.Join(src, filepath.FromSlash(path))); err != nil {
			t.Fatal(err)
		}
		return secret
	}
}

func sourceAttacks() []attack {
	return []attack{
		{"image linked outside", linkOut("content/logo.png"), "content/logo.png:1:1: symbolic link points outside the site root (to "},
		{"document linked outside", linkOut("content/leak.md"), "content/leak.md:1:1: symbolic link points outside the site root (to "},
		{"image linked to the environment", func(t *testing.T, src string) string {
			if _, err := os.Stat("/proc/self/environ"); err != nil {
				t.Skip("no /proc/self/environ here")
			}
			secret := fmt.Sprintf("ismsgen-env-secret-%d", time.Now().UnixNano())
			t.Setenv("ISMSGEN_TEST_SECRET", secret)
			if err := os.Symlink("/proc/self/environ", filepath.Join(src, "content", "logo.png")); err != nil {
				t.Fatal(err)
			}
			return secret
		}, "content/logo.png:1:1: symbolic link points outside the site root (to /proc/self/environ); copy the file into the site instead"},
		{"image linked to /dev/zero", func(t *testing.T, src string) string {
			if err := os.Symlink("/dev/zero", filepath.Join(src, "content", "x.png")); err != nil {
				t.Fatal(err)
			}
			return "" // nothing to look for: the build must merely finish
		}, "content/x.png:1:1: symbolic link points outside the site root (to /dev/zero)"},
		{"named pipe under content", func(t *testing.T, src string) string {
			if err := syscall.Mkfifo(filepath.Join(src, "content", "pipe.md"), 0o644); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
			return ""
		}, "content/pipe.md:1:1: a named pipe (FIFO), not a regular file"},
	}
}

// TestBuildRefusesFilesOutsideTheSite: each planted file fails build with a positioned
// error and exit status 1; the build finishes, the previous output is left as it was,
// and no byte of the outside file reaches it (PDF packs included).
func TestBuildRefusesFilesOutsideTheSite(t *testing.T) {
	for _, a := range sourceAttacks() {
		t.Run(a.name, func(t *testing.T) { refusedBuild(t, a) })
	}
}

// refusedBuild builds a fresh site, plants the attack, builds again and checks the
// build refused it; it returns the site.
func refusedBuild(t *testing.T, a attack) string {
	src := fixture.Write(t, fixture.Minimal())
	public := filepath.Join(src, "public")
	if code, out, errs := runWithin(t, "build", "--source", src, "--date", "2026-11-22", "--quiet"); code != 0 {
		t.Fatalf("first build: exit %d\n%s%s", code, out, errs)
	}
	before := tree(t, public)
	secret := a.plant(t, src)
	code, out, errs := runWithin(t, "build", "--source", src, "--date", "2026-11-22", "--quiet")
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, a.want) {
		t.Errorf("stderr lacks %q:\n%s", a.want, errs)
	}
	if secret != "" && strings.Contains(out+errs, secret) {
		t.Errorf("the secret is printed:\n%s%s", out, errs)
	}
	if after := tree(t, public); !maps.Equal(before, after) {
		t.Errorf("the failed build changed the output")
	}
	if secret != "" {
		assertNoSecretIn(t, public, secret)
	}
	if left, _ := filepath.Glob(filepath.Join(src, ".public.*")); len(left) > 0 {
		t.Errorf("the failed build left %v", left)
	}
	return src
}

// evidenceAt points the fixture's evidence record EV-1 at file, whose file: value is
// at data/evidence.yaml:4:11.
func evidenceAt(t *testing.T, src, file string) {
	t.Helper()
	fixture.WriteTo(t, src, fixture.Files{"data/evidence.yaml": strings.Replace(fixture.Minimal()["data/evidence.yaml"], "evidence/encryption.csv", file, 1)})
}

func evidenceAttacks() []attack {
	const at = "data/evidence.yaml:4:11: evidence EV-1: file "
	return []attack{
		{"evidence is the development signing key", func(t *testing.T, src string) string {
			key, err := os.ReadFile(filepath.Join(src, ".ismsgen", "dev-signing", "signer-key.pem"))
			if err != nil {
				t.Fatalf("the first build made no development key: %v", err)
			}
			evidenceAt(t, src, ".ismsgen/dev-signing/signer-key.pem")
			return string(key[40:80]) // past the PEM header, inside the key
		}, at + ".ismsgen/dev-signing/signer-key.pem: path is inside the hidden directory .ismsgen; "},
		{"evidence is the git configuration", func(t *testing.T, src string) string {
			secret := fmt.Sprintf("ismsgen-git-secret-%d", time.Now().UnixNano())
			fixture.WriteTo(t, src, fixture.Files{".git/config": "[remote \"origin\"]\n\turl = https://user:" + secret + "@example.com/isms.git\n"})
			evidenceAt(t, src, ".git/config")
			return secret
		}, at + ".git/config: path is inside the hidden directory .git; "},
		{"evidence linked to the signing key", func(t *testing.T, src string) string {
			key, err := os.ReadFile(filepath.Join(src, ".ismsgen", "dev-signing", "signer-key.pem"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("../.ismsgen/dev-signing/signer-key.pem", filepath.Join(src, "evidence", "key.csv")); err != nil {
				t.Fatal(err)
			}
			evidenceAt(t, src, "evidence/key.csv")
			return string(key[40:80])
		}, at + "evidence/key.csv: symbolic link points into the hidden directory .ismsgen"},
		{"evidence linked outside", func(t *testing.T, src string) string {
			out, secret := secretFile(t)
			if err := os.Symlink(out, filepath.Join(src, "evidence", "out.csv")); err != nil {
				t.Fatal(err)
			}
			evidenceAt(t, src, "evidence/out.csv")
			return secret
		}, at + "evidence/out.csv: symbolic link points outside the site root (to "},
		{"evidence is a named pipe", func(t *testing.T, src string) string {
			if err := syscall.Mkfifo(filepath.Join(src, "evidence", "pipe.csv"), 0o644); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
			evidenceAt(t, src, "evidence/pipe.csv")
			return ""
		}, at + "evidence/pipe.csv: a named pipe (FIFO), not a regular file"},
		{"evidence is missing", func(t *testing.T, src string) string {
			evidenceAt(t, src, "evidence/missing.csv")
			return ""
		}, at + "evidence/missing.csv not found; add the file, or correct file: "},
	}
}

// TestBuildRefusesBrokenEvidence: an evidence file that is missing, not a regular
// file, a link out of the site or in a hidden directory fails build (and pack) at its
// file: in data/evidence.yaml, like an unresolved reference; the signed pack never
// carries it, and check reports it under the evidence-file rule.
func TestBuildRefusesBrokenEvidence(t *testing.T) {
	for _, a := range evidenceAttacks() {
		t.Run(a.name, func(t *testing.T) {
			src := refusedBuild(t, a)
			code, out, errs := runWithin(t, "pack", "--source", src, "--date", "2026-11-22", "--quiet")
			if code != 1 || !strings.Contains(errs, a.want) {
				t.Errorf("pack: exit %d, want 1 and %q:\n%s%s", code, a.want, out, errs)
			}
			const pos = "data/evidence.yaml:4:11: "
			want := pos + "error: " + strings.TrimPrefix(a.want, pos)
			code, out, errs = runWithin(t, "check", "--source", src, "--date", "2026-11-22")
			if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, "[evidence-file]") {
				t.Errorf("check: exit %d, want 1 and %q under [evidence-file]:\n%s%s", code, want, out, errs)
			}
		})
	}
}

// TestBuildFollowsLinksInsideTheSite: a document that is a relative link to a file
// elsewhere in the site is built like any other, into the site and the pack.
func TestBuildFollowsLinksInsideTheSite(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"other/b.md": "---\nid: PRC-LINKED\ntitle: Linked procedure\ntype: procedure\nversion: \"1.0\"\nstatus: approved\nowner: CISO\napprover: CEO\napproved: 2026-01-10\nreview_cycle: 12m\n---\n# Linked procedure\n\nReached through a link.\n",
	}))
	if err := os.Symlink("../other/b.md", filepath.Join(src, "content", "a.md")); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runWithin(t, "build", "--source", src, "--date", "2026-11-22", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	page, err := os.ReadFile(filepath.Join(src, "public", "a.html"))
	if err != nil || !bytes.Contains(page, []byte("Reached through a link.")) {
		t.Errorf("public/a.html: %v\n%s", err, page)
	}
	text, err := exec.Command(tooltest.Need(t, "pdftotext"), filepath.Join(src, "public", "packs", "stage1.pdf"), "-").Output()
	if err != nil || !bytes.Contains(text, []byte("Reached through a link.")) {
		t.Errorf("the pack lacks the linked document (err %v)", err)
	}
}
