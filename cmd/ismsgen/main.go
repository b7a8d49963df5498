package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// command is one subcommand of the CLI.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, io *stdio, args []string) error
}

// stdio carries the streams a command writes to, so tests can capture them.
type stdio struct {
	out, err io.Writer
	env      func(string) string
	// now is the clock of a build's status line (progress.go); nil is time.Now.
	now func() time.Time
}

func commands() []*command {
	return []*command{
		{name: "init", summary: "write a new ISMS that builds at once: site settings, SoA, registers, draft stubs", run: runInit},
		{name: "build", summary: "build the intranet site (and PDF packs) into public/", run: runBuild},
		{name: "new", summary: "write a new policy, procedure, record or page from its archetype", run: runNew},
		{name: "check", summary: "check audit readiness: rule findings with path:line:col", run: runCheck},
		{name: "export", summary: "export the SoA, a register or the document list as CSV, XLSX or JSON", run: runExport},
		{name: "import", summary: "merge a spreadsheet (CSV or XLSX) into the SoA or a register's data file", run: runImport},
		{name: "pack", summary: "build and sign the PDF audit packs", run: runPack},
		{name: "diagrams", summary: "draw the Mermaid diagrams as PNG images for the PDF packs (with Chromium)", run: runDiagrams},
		{name: "keygen", summary: "create a root CA and a pack-signing certificate; revoke certificates (CRL)", run: runKeygen},
		{name: "verify", summary: "verify a signed audit pack and its manifest", run: runVerify},
		{name: "seal", summary: "add long-term validation data (and a document timestamp) to a signed pack", run: runSeal},
		{name: "serve", summary: "preview the site with live reload while editing", run: runServe},
		{name: "version", summary: "print the ismsgen version", run: runVersion},
		{name: "help", summary: "show help for a command", run: nil},
	}
}

// usageError is a mistake in how ismsgen was called: exit status 2. cmd is the
// command whose help the message sends the user to ("" for ismsgen help).
type usageError struct{ msg, cmd string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{msg: fmt.Sprintf(format, args...)} }

func main() {
	os.Exit(run(context.Background(), &stdio{out: os.Stdout, err: os.Stderr, env: os.Getenv}, os.Args[1:]))
}

// run executes the CLI and returns the exit status.
func run(ctx context.Context, s *stdio, args []string) int {
	err := dispatch(ctx, s, args)
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		if ue.msg == "" { // the usage was printed
			return 2
		}
		help := "ismsgen help"
		if ue.cmd != "" {
			help = "ismsgen " + ue.cmd + " --help"
		}
		fmt.Fprintf(s.err, "ismsgen: %s\nRun '%s' for usage.\n", ue.msg, help)
		return 2
	}
	if errors.Is(err, errHelp) {
		return 0
	}
	if errors.Is(err, errSilent) {
		return 1
	}
	if l, ok := diag.AsList(err); ok {
		for _, line := range l.Lines() {
			fmt.Fprintln(s.err, line)
		}
		fmt.Fprintf(s.err, "ismsgen: %d error%s\n", len(l), plural(len(l)))
		return 1
	}
	fmt.Fprintf(s.err, "ismsgen: %v\n", err)
	return 1
}

// errSilent is returned by a command that already reported its failure.
var errSilent = errors.New("failed")

func dispatch(ctx context.Context, s *stdio, args []string) error {
	if len(args) == 0 {
		// A script that runs ismsgen without a command has a mistake: usage on stderr, exit 2.
		printHelp(s.err)
		return &usageError{}
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		printHelp(s.out)
		return nil
	case "help":
		if len(args) > 1 {
			return dispatch(ctx, s, []string{args[1], "--help"})
		}
		printHelp(s.out)
		return nil
	case "-version", "--version":
		name = "version"
	}
	var names []string
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			err := c.run(ctx, s, args[1:])
			var ue *usageError
			if errors.As(err, &ue) && ue.cmd == "" {
				ue.cmd = c.name
			}
			return err
		}
		names = append(names, c.name)
	}
	return usagef("unknown command %q%s", name, meant(name, names))
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, "ismsgen compiles an ISO/IEC 27001 ISMS (Markdown and YAML) into an intranet site and signed PDF audit packs.\n\nUsage:\n  ismsgen <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'ismsgen <command> --help' for a command's flags.\n")
}

func runVersion(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "version", "", "Print the ismsgen version.")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "ismsgen %s\n", version)
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
