package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pageFacts is what the crawl reads from each page in the browser.
type pageFacts struct {
	H1         int      `json:"h1"`
	Header     int      `json:"header"`
	Nav        int      `json:"nav"`
	Main       int      `json:"main"`
	IDs        []string `json:"ids"`
	Duplicates []string `json:"duplicates"`
	Unlabelled []string `json:"unlabelled"`
	Links      []string `json:"links"`
	Nested     []string `json:"nested"`
}

const readFacts = `(() => {
	const ids = Array.from(document.querySelectorAll("[id]")).map(e => e.id);
	const seen = new Set(), dup = new Set();
	ids.forEach(id => { if (seen.has(id)) dup.add(id); seen.add(id); });
	const named = el => (el.labels && el.labels.length > 0) || el.getAttribute("aria-label") ||
		el.getAttribute("aria-labelledby") || el.title || (el.tagName === "BUTTON" && el.textContent.trim());
	return {
		h1: document.querySelectorAll("h1").length,
		header: document.querySelectorAll("body > header").length,
		nav: document.querySelectorAll("nav").length,
		main: document.querySelectorAll("main").length,
		ids: ids,
		duplicates: Array.from(dup),
		unlabelled: Array.from(document.querySelectorAll("input, select, textarea, button"))
			.filter(el => el.type !== "hidden" && !named(el)).map(el => el.outerHTML.slice(0, 80)),
		// Links inside links: browsers split them, so none may be written.
		nested: Array.from(document.querySelectorAll("a a")).map(a => a.outerHTML.slice(0, 80)),
		// getAttribute, not .href: an SVG <a> (the risk heat map) has an object there.
		links: Array.from(document.querySelectorAll("a[href], link[href], script[src], img[src]"))
			.map(e => new URL(e.getAttribute("href") || e.getAttribute("src"), document.baseURI).href),
	};
})()`

// The crawl visits every page of the site in the browser (four tabs in parallel) and
// requires: no console error, failed request or request off the test server; one h1;
// the header, nav and main landmarks; no duplicate id; a label on every form control;
// every internal link and #fragment resolving to a page and an element; no link
// inside a link.
func testCrawl(t *testing.T, e *env) {
	pages := e.site.Pages()
	facts := make(map[string]pageFacts, len(pages))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan string)
	for range 4 {
		// Each tab visits a quarter of the pages: its bound grows with the site (the
		// example's NIS2 requirements doubled its pages).
		ctx, m := e.tabWithin(t, 90*time.Second+time.Duration(len(pages))*time.Second/4)
		wg.Go(func() {
			for p := range next {
				f, err := visit(ctx, e.url(p))
				mu.Lock()
				if err != nil {
					t.Errorf("%s: %v", p, err)
				}
				facts[p] = f
				mu.Unlock()
			}
		})
		t.Cleanup(func() { clean(t, m) })
	}
	for _, p := range pages {
		next <- p
	}
	close(next)
	wg.Wait()

	for _, p := range pages {
		f := facts[p]
		if f.H1 != 1 {
			t.Errorf("%s: %d h1 elements, want 1", p, f.H1)
		}
		if f.Header != 1 || f.Nav < 1 || f.Main != 1 {
			t.Errorf("%s: landmarks header %d, nav %d, main %d", p, f.Header, f.Nav, f.Main)
		}
		if len(f.Duplicates) > 0 {
			t.Errorf("%s: duplicate ids %v", p, f.Duplicates)
		}
		for _, a := range f.Nested {
			t.Errorf("%s: a link inside a link: %s", p, a)
		}
		for _, u := range f.Unlabelled {
			t.Errorf("%s: form control without a label: %s", p, u)
		}
		for _, l := range f.Links {
			if msg := e.checkLink(l, facts); msg != "" {
				t.Errorf("%s: %s", p, msg)
			}
		}
	}
	t.Logf("crawled %d pages", len(pages))
}

func visit(ctx context.Context, u string) (pageFacts, error) {
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return pageFacts{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[pageFacts](readFacts))
}

// checkLink reports a link of the site to a missing file or a missing #fragment.
func (e *env) checkLink(link string, facts map[string]pageFacts) string {
	if !strings.HasPrefix(link, e.origin+"/") {
		return "" // external links are allowed as links; the monitor catches requests
	}
	u, err := url.Parse(link)
	if err != nil {
		return fmt.Sprintf("bad link %s: %v", link, err)
	}
	p := strings.TrimPrefix(u.Path, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	if _, ok := e.site.Files[p]; !ok {
		return fmt.Sprintf("link to a missing file: %s", link)
	}
	if u.Fragment != "" && strings.HasSuffix(p, ".html") {
		if f, ok := facts[p]; ok && !contains(f.IDs, u.Fragment) {
			return fmt.Sprintf("link to a missing anchor: %s", link)
		}
	}
	return ""
}
