// Package ingest builds a knowledge graph from a corpus: it streams articles
// from files, folders or standard input, extracts them on a pool of
// workers, and writes them into a store in batches, in input order.
//
// Building is idempotent and incremental: each article replaces its own
// named graph, an article the store already holds with the same content
// hash is not extracted again, and an interrupted build leaves only whole
// articles behind, so running it again ends with the same store as an
// uninterrupted build. Memory stays bounded whatever the corpus size: at
// most a few articles per worker are in flight, and a batch holds at most
// about Options.BatchQuads quads.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/graph"
)

// Options configure Build.
type Options struct {
	// Workers is the number of extraction workers; 0 means one per CPU.
	Workers int
	// BatchQuads is how many changed quads a transaction holds; 0 means
	// 10,000.
	BatchQuads int
	// Strict stops the build at the first article that cannot be read;
	// otherwise such articles are reported in Summary.Skipped and the
	// build goes on.
	Strict bool
	// Date, when set, is the publication date of every article.
	Date time.Time
	// MaxArticleBytes, when positive, skips (as unreadable) an article
	// whose text is longer.
	MaxArticleBytes int
	// Stdin is read for the input "-" (JSON Lines).
	Stdin io.Reader
	// Progress, when set, is called from Build's goroutine at most every
	// ProgressEvery (default half a second) and once at the end.
	Progress      func(Progress)
	ProgressEvery time.Duration
}

// Progress is how far a build has come.
type Progress struct {
	Articles   int   // written, new or changed
	Unchanged  int   // already in the store with the same content
	Skipped    int   // could not be read
	BytesRead  int64 // input consumed so far
	BytesTotal int64 // input size when known (files), else 0
	Elapsed    time.Duration
}

// Skip is an article that could not be read, and why.
type Skip struct {
	Reason string
}

// Summary is what a build did.
type Summary struct {
	Progress
	SkippedArticles []Skip
	Entities        int
	Claims          int
	Events          int
	Quads           int // quads of the articles written
}

// ErrSkipped is returned, wrapped, when some articles could not be read
// and Options.Strict is off: the build finished, but not with everything.
var ErrSkipped = errors.New("some articles could not be read")

// item is one article (or input error) on its way through the pipeline.
type item struct {
	seq       int
	article   extract.Article
	hash      string
	unchanged bool
	err       error // the article could not be read
	doc       *extract.Document
}

// Build reads the inputs (files, folders, "-"; see extract.Walker),
// extracts every article and writes it into s. It returns what it did;
// the error is ErrSkipped (wrapped) when articles were skipped, the input
// error under Strict, a store error, or ctx's error when interrupted (what
// was extracted before is written).
func Build(ctx context.Context, s *graph.Store, x *extract.Extractor, inputs []string, opt Options) (Summary, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	batchQuads := opt.BatchQuads
	if batchQuads <= 0 {
		batchQuads = 10000
	}
	every := opt.ProgressEvery
	if every <= 0 {
		every = 500 * time.Millisecond
	}
	start := time.Now()
	var bytesRead atomic.Int64
	sum := Summary{Progress: Progress{BytesTotal: extract.InputSize(inputs)}}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var storeMu sync.Mutex // the reader looks up hashes while the writer writes

	// reader: articles in input order, unchanged ones marked
	jobs := make(chan *item, workers*2)
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		w := &extract.Walker{Stdin: opt.Stdin, OnRead: func(n int64) { bytesRead.Add(n) }, MaxArticleBytes: opt.MaxArticleBytes}
		seq := 0
		readErr <- w.Walk(ctx, inputs, func(a extract.Article, err error) error {
			it := &item{seq: seq, err: err}
			seq++
			if err == nil {
				if !opt.Date.IsZero() {
					a.Date = opt.Date
				}
				it.article, it.hash = a, graph.ContentHash(x.Hash(a))
				storeMu.Lock()
				old, herr := s.ArticleHash(ctx, a.ID)
				storeMu.Unlock()
				if herr != nil {
					return herr
				}
				it.unchanged = old == it.hash
			}
			select {
			case jobs <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()

	// workers: extraction
	results := make(chan *item, workers*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				if it.err == nil && !it.unchanged {
					doc, err := x.Extract(ctx, it.article)
					if err != nil {
						return // only ctx stops extraction
					}
					it.doc = doc
				}
				select {
				case results <- it:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// writer: in input order, in batches
	batch := s.NewBatch()
	commit := func() error {
		storeMu.Lock()
		defer storeMu.Unlock()
		return batch.Commit(context.WithoutCancel(ctx)) // finish whole articles even when interrupted
	}
	report := func() {
		sum.BytesRead, sum.Elapsed = bytesRead.Load(), time.Since(start)
		if opt.Progress != nil {
			opt.Progress(sum.Progress)
		}
	}
	pending := map[int]*item{}
	next := 0
	lastReport := time.Now()
	var failure error
	for it := range results {
		pending[it.seq] = it
		for failure == nil {
			it, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			failure = write(ctx, &sum, batch, it, opt.Strict, &storeMu)
			if failure == nil && batch.Len() >= batchQuads {
				failure = commit()
			}
		}
		if failure != nil {
			cancel()
			continue // drain
		}
		if time.Since(lastReport) >= every {
			report()
			lastReport = time.Now()
		}
	}
	if err := <-readErr; err != nil && failure == nil && !errors.Is(err, context.Canceled) {
		failure = err
	}
	if err := commit(); err != nil && failure == nil {
		failure = err
	}
	report()
	switch {
	case failure != nil:
		return sum, failure
	case ctx.Err() != nil:
		return sum, ctx.Err()
	case len(sum.SkippedArticles) > 0:
		return sum, fmt.Errorf("%d of %d articles skipped: %w", len(sum.SkippedArticles), sum.Articles+sum.Unchanged+sum.Skipped, ErrSkipped)
	}
	return sum, nil
}

// write adds one item to the batch and the summary.
func write(ctx context.Context, sum *Summary, b *graph.Batch, it *item, strict bool, storeMu *sync.Mutex) error {
	switch {
	case it.err != nil:
		if strict {
			return it.err
		}
		sum.Skipped++
		sum.SkippedArticles = append(sum.SkippedArticles, Skip{Reason: it.err.Error()})
		return nil
	case it.unchanged:
		sum.Unchanged++
		return nil
	case it.doc == nil:
		return ctx.Err() // extraction was stopped
	}
	g, quads := b.Minter().DocumentQuads(it.doc)
	storeMu.Lock()
	err := b.Replace(ctx, g, quads)
	storeMu.Unlock()
	if err != nil {
		return fmt.Errorf("article %s: %w", it.article.ID, err)
	}
	sum.Articles++
	sum.Quads += len(quads)
	sum.Entities += len(it.doc.Entities)
	sum.Claims += len(it.doc.Claims)
	sum.Events += len(it.doc.Events)
	return nil
}
