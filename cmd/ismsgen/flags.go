package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/model"
)

// errHelp ends a command after its --help was printed.
var errHelp = errors.New("help shown")

// newFlagSet returns a flag set whose --help prints the command's usage to stdout.
func newFlagSet(s *stdio, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(s.err)
	fs.Usage = func() {
		fmt.Fprintf(s.out, "Usage: ismsgen %s [flags] %s\n\n%s\n", name, args, about)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintf(s.out, "\nFlags:\n")
			fs.SetOutput(s.out)
			fs.PrintDefaults()
			fs.SetOutput(s.err)
		}
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors.
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
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
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
			if i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
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
