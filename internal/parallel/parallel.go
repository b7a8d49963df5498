package parallel

import (
	"context"
	"runtime"
	"sync"
)

// For calls f(state, i) for i in [0, n) on GOMAXPROCS workers. Each worker gets its own
// state from newState, for work that needs something not safe to share (a Markdown
// renderer that carries the page being rendered). It stops handing out work once ctx is
// cancelled and returns when every started call has returned.
func For[S any](ctx context.Context, n int, newState func() S, f func(s S, i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := newState()
			for i := range next {
				f(s, i)
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// None is the state of work that needs none.
func None() struct{} { return struct{}{} }
