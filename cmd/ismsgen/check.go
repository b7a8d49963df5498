package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/versions"
)

// checkFormats are the output formats of check.
var checkFormats = []string{"text", "json", "github"}

func runCheck(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "check", "", "Check the ISMS in --source for what a Stage 1 auditor would find missing or inconsistent.\n"+
		"Prints one finding per line (path:line:col: severity: message [rule]) and a summary.\n"+
		"Exit status 1 when there is an error (or, with --strict, a warning), else 0.")
	sf := addSiteFlags(fs, "build date, for overdue reviews and actions,", "treat draft documents as published, as build --drafts does")
	format := fs.String("format", "text", "output format: text, json or github (GitHub Actions annotations)")
	strict := fs.Bool("strict", false, "exit 1 on warnings too")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("check takes no arguments, got %q", fs.Args())
	}
	if !contains(checkFormats, *format) {
		return usagef("--format %q: want one of %s%s", *format, strings.Join(checkFormats, ", "), meant(*format, checkFormats))
	}
	src, d, err := sf.resolve(s)
	if err != nil {
		return err
	}
	links, err := sf.linkLevel()
	if err != nil {
		return err
	}
	findings, herr, err := build.Check(ctx, build.CheckOptions{Source: src, Date: d, Drafts: *sf.drafts, Links: links, History: versions.CheckOptions})
	if err != nil {
		return err
	}
	if herr != nil {
		fmt.Fprintf(s.err, "ismsgen: warning: reading git history: %v\n", herr)
	}
	if err := printFindings(s.out, *format, findings); err != nil {
		return err
	}
	if findings.Failed(*strict) {
		return errSilent
	}
	return nil
}

// printFindings writes findings in a format.
func printFindings(w io.Writer, format string, findings build.Findings) error {
	switch format {
	case "json":
		if findings == nil {
			findings = build.Findings{}
		}
		b, err := json.MarshalIndent(findings, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case "github":
		for _, f := range findings {
			fmt.Fprintln(w, githubAnnotation(f))
		}
	default:
		for _, f := range findings {
			fmt.Fprintln(w, f)
		}
	}
	if format != "json" {
		e, warn := findings.Count()
		fmt.Fprintf(w, "%d error%s, %d warning%s\n", e, plural(e), warn, plural(warn))
	}
	return nil
}

// githubAnnotation formats a finding as a GitHub Actions workflow command, which the
// runner turns into an annotation on the file and line:
// ::error file=F,line=L,col=C,title=RULE::message
func githubAnnotation(f build.Finding) string {
	props := []string{}
	if f.Pos.Path != "" {
		props = append(props, "file="+escapeProperty(f.Pos.Path))
	}
	if f.Pos.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", f.Pos.Line))
	}
	if f.Pos.Col > 0 {
		props = append(props, fmt.Sprintf("col=%d", f.Pos.Col))
	}
	props = append(props, "title="+escapeProperty(f.Rule))
	return fmt.Sprintf("::%s %s::%s", f.Severity, strings.Join(props, ","), escapeData(f.Message))
}

// escapeData escapes a workflow command's message as the Actions runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command property value: also ':' and ',', which
// separate properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
