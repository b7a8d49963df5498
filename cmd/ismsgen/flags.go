package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// errHelp ends a command after its --help was printed.
var errHelp = errors.New("help shown")

// newFlagSet returns a flag set whose --help prints the command's usage to stdout.
func newFlagSet(s *stdio, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(s.err)
	fs.Usage = func() {
		fmt.Fprintf(s.out, "%s\n\n%s\n", strings.TrimSpace("Usage: ismsgen "+name+" [flags] "+args), about)
		printFlags(s.out, fs)
	}
	return fs
}

// printFlags lists a command's flags as the README writes them: --name VALUE (one
// letter: -o FILE), the usage indented below, and the default when there is one.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintf(w, "\nFlags:\n")
			first = false
		}
		value, usage := flag.UnquoteUsage(f)
		line := "  " + flagName(f.Name)
		if value != "" {
			line += " " + flagValueName(f.Name, value)
		}
		fmt.Fprintln(w, line)
		usage = strings.ReplaceAll(usage, "\n", "\n        ")
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(usage, "(default") {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "        %s\n", usage)
	})
}

// placeholders name a flag's value in help as the README does, by flag name.
var placeholders = map[string]string{
	"source": "DIR", "dest": "DIR", "out": "DIR", "date": "YYYY-MM-DD", "o": "FILE",
	"cert": "FILE", "key": "FILE", "p12": "FILE", "ca": "FILE", "tsa-ca": "FILE", "crl": "FILE",
	"revoke": "CERT.pem", "manifest": "FILE", "chrome": "PATH", "tsa": "URL", "org": "NAME", "cn": "NAME",
	"format": "FORMAT", "links": "error|warn", "release": "TAG", "bind": "ADDRESS", "port": "N", "sheet": "NAME", "map": "COL=FIELD,...",
}

// flagValueName is what help shows for a flag's value: from placeholders, else N for a
// number, else the flag's name in capitals.
func flagValueName(name, kind string) string {
	if p, ok := placeholders[name]; ok {
		return p
	}
	if kind == "int" || kind == "uint" || kind == "float" {
		return "N"
	}
	return strings.ToUpper(name)
}

// flagName is a flag as typed: two dashes, or one for a one-letter flag.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// meant is a " (did you mean X?)" hint for a word that is nearly one of the choices,
// "" when none is near.
func meant(word string, choices []string) string {
	if near := diag.Nearest(word, choices, max(2, len(word)/3)); near != "" {
		return " (did you mean " + near + "?)"
	}
	return ""
}

// parseFlags parses args, turning flag errors into usage errors: an unknown flag gets
// the nearest known one as a hint.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(discard{})
	// fs.Parse prints the usage on any error; only --help should, a mistake gets one line.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(interspersed(fs, args))
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		usage()
		return errHelp
	case err != nil:
		return usagef("%s: %s", fs.Name(), flagError(fs, err))
	}
	return nil
}

// flagError rewrites the flag package's messages with flags as typed, and a "did you
// mean" for an unknown one.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		name = strings.TrimLeft(name, "-")
		var known []string
		fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		msg = "unknown flag " + flagName(name)
		if near := diag.Nearest(name, known, max(2, len(name)/3)); near != "" {
			msg += " (did you mean " + flagName(near) + "?)"
		}
		return msg
	}
	for _, prefix := range []string{"flag needs an argument: -", "bad flag syntax: -"} {
		if name, ok := strings.CutPrefix(msg, prefix); ok {
			return strings.TrimSuffix(prefix, "-") + flagName(strings.TrimLeft(name, "-"))
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if i := strings.Index(rest, " for flag -"); i >= 0 {
			after := rest[i+len(" for flag -"):]
			name, tail, _ := strings.Cut(after, ":")
			return "invalid value " + rest[:i] + " for " + flagName(name) + ":" + tail
		}
	}
	return msg
}

// interspersed moves flags written after positional arguments in front of them, so
// that "ismsgen verify pack.pdf --ca root.pem" works as people type it.
func interspersed(fs *flag.FlagSet, args []string) []string {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			f := fs.Lookup(name)
			if f == nil {
				continue
			}
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				continue
			}
			if i+1 >= len(args) {
				// No value follows: let the flag package say so, rather than read "--".
				return append(flags, positional...)
			}
			i++
			flags = append(flags, args[i])
		default:
			positional = append(positional, a)
		}
	}
	return append(append(flags, "--"), positional...)
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// buildDate returns the build date: --date, else SOURCE_DATE_EPOCH, else today (UTC).
func buildDate(s *stdio, flagValue string) (model.Date, error) {
	if flagValue != "" {
		d, err := model.ParseDate(flagValue)
		if err != nil {
			return model.Date{}, usagef("--date: %v", err)
		}
		return d, nil
	}
	if v := strings.TrimSpace(s.env("SOURCE_DATE_EPOCH")); v != "" {
		sec, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return model.Date{}, usagef("SOURCE_DATE_EPOCH=%q: want seconds since 1970", v)
		}
		return model.DateOf(time.Unix(sec, 0).UTC()), nil
	}
	return model.DateOf(time.Now().UTC()), nil
}

// sourceDir returns the --source directory, defaulting to the working directory.
func sourceDir(v string) (string, error) {
	if v != "" {
		if fi, err := os.Stat(v); err != nil || !fi.IsDir() {
			return "", usagef("--source %s: not a directory", v)
		}
		return v, nil
	}
	return ".", nil
}

// siteFlags are the flags every command that reads an ISMS shares.
type siteFlags struct {
	source, date, links *string
	drafts              *bool
}

// addSiteFlags adds --source, --date (dateUse says what the date is for) and --drafts.
func addSiteFlags(fs *flag.FlagSet, dateUse, draftsUse string) siteFlags {
	return siteFlags{
		source: fs.String("source", "", "site directory (default: the current directory)"),
		date:   fs.String("date", "", dateUse+" YYYY-MM-DD (default: $SOURCE_DATE_EPOCH, else today)"),
		drafts: fs.Bool("drafts", false, draftsUse),
		links:  fs.String("links", "", "error or warn: what a broken Markdown link or #fragment is (default: links: in data/site.yaml, else error);\nwith warn the page builds and shows the link as text with a marker. [[ID]] references stay errors"),
	}
}

// linkLevel returns the --links level, "" when the flag was not given.
func (f siteFlags) linkLevel() (model.LinkLevel, error) {
	if *f.links == "" {
		return "", nil
	}
	l, err := model.ParseLinkLevel(*f.links)
	if err != nil {
		return "", usagef("--%v", err)
	}
	return l, nil
}

// resolve checks the source directory and works out the build date.
func (f siteFlags) resolve(s *stdio) (source string, date model.Date, err error) {
	if source, err = sourceDir(*f.source); err != nil {
		return "", model.Date{}, err
	}
	date, err = buildDate(s, *f.date)
	return source, date, err
}

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
