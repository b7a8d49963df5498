package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/serve"
)

func runServe(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "serve", "", "Build the ISMS in --source into memory and serve it with live reload: every saved change\nshows in the open pages at once, and errors show over the page with their file:line:col.\nNothing is written to public/. PDF packs are built when /packs/<name>.pdf is requested.\nStop with Ctrl-C.")
	source := fs.String("source", "", "site directory (default: the current directory)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; anything but a loopback address lets other machines read the ISMS")
	port := fs.Int("port", 1313, "port to listen on (0 picks a free one)")
	drafts := fs.Bool("drafts", false, "include documents whose status is draft")
	open := fs.Bool("open", false, "open the preview in the system browser")
	linksFlag := fs.String("links", "", "error or warn: what a broken Markdown link or #fragment is (default: links: in data/site.yaml, else error)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments, got %q", fs.Args())
	}
	if *port < 0 || *port > 65535 {
		return usagef("--port %d: want 0 to 65535", *port)
	}
	if strings.TrimSpace(*bind) == "" {
		return usagef("--bind: want an address such as 127.0.0.1")
	}
	src, err := sourceDir(*source)
	if err != nil {
		return err
	}
	links, err := siteFlags{links: linksFlag}.linkLevel()
	if err != nil {
		return err
	}
	// A pinned SOURCE_DATE_EPOCH pins the preview's date too; otherwise the preview
	// takes the current day at every rebuild.
	var date model.Date
	if strings.TrimSpace(s.env("SOURCE_DATE_EPOCH")) != "" {
		if date, err = buildDate(s, ""); err != nil {
			return err
		}
	}
	opt := serve.Options{Source: src, Bind: *bind, Port: *port, Drafts: *drafts, Links: links, Log: s.out, Version: version, Date: date}
	if st := progressLine(s.err, s.now); st != nil {
		defer st.close()
		opt.Progress, opt.Log = st.update, st.writer(opt.Log)
	}
	srv, err := serve.New(opt)
	if err != nil {
		return err
	}
	if *open {
		// The socket is open already: the browser's request waits until Run serves.
		if err := openBrowser(srv.URL()); err != nil {
			fmt.Fprintf(s.err, "warning: could not open a browser (%v); open %s yourself\n", err, srv.URL())
		}
	}
	// Only serve catches Ctrl-C and SIGTERM, to shut down cleanly; every other command
	// dies at once as a Unix tool should (a killed build leaves the last output intact).
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	return srv.Run(ctx)
}

// openBrowser starts the system's URL opener without waiting for it.
func openBrowser(url string) error {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("%s not found", name)
	}
	cmd := exec.Command(path, url)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; its exit status does not matter
	return nil
}
