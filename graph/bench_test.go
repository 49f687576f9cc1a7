package graph

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newskg/newskg/extract"
)

// The write benchmarks run on the Wikinews corpus of ../shared, extracted
// once per test binary: BenchmarkBuildWrites writes its articles the way
// `newskg build` does (Batch.Replace per article, a commit per 10,000
// quads), BenchmarkLoadNQuads loads their N-Quads with LoadFile. Each
// iteration writes into a fresh bolt store; the quads/s metric is the one
// to compare.
const benchCorpus = "../../shared/corpus/wikinews-2019-2020.jsonl"

type benchDoc struct {
	graph string
	quads []quad.Quad
}

var benchData = sync.OnceValues(func() ([]benchDoc, error) {
	f, err := os.Open(benchCorpus)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	x, err := extract.New()
	if err != nil {
		return nil, err
	}
	var m Minter
	var docs []benchDoc
	err = extract.ReadJSONL(benchCorpus, f, func(a extract.Article) error {
		doc, err := x.Extract(context.Background(), a)
		if err != nil {
			return err
		}
		g, qs := m.DocumentQuads(doc)
		docs = append(docs, benchDoc{g, qs})
		return nil
	})
	return docs, err
})

func benchDocs(b *testing.B) []benchDoc {
	docs, err := benchData()
	if os.IsNotExist(err) {
		b.Skipf("no corpus: %v", err)
	}
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

func BenchmarkBuildWrites(b *testing.B) {
	docs := benchDocs(b)
	ctx := context.Background()
	n := 0
	for _, d := range docs {
		n += len(d.quads)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(filepath.Join(b.TempDir(), "kg.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		batch := s.NewBatch()
		for _, d := range docs {
			if err := batch.Replace(ctx, d.graph, d.quads); err != nil {
				b.Fatal(err)
			}
			if batch.Len() >= 10000 {
				if err := batch.Commit(ctx); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := batch.Commit(ctx); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "quads/s")
}

func BenchmarkLoadNQuads(b *testing.B) {
	docs := benchDocs(b)
	ctx := context.Background()
	file := filepath.Join(b.TempDir(), "corpus.nq")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	qw := nquads.NewWriter(w)
	n := 0
	for _, d := range docs {
		for _, q := range d.quads {
			if err := qw.WriteQuad(q); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(filepath.Join(b.TempDir(), "kg.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.LoadFile(ctx, file, ""); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "quads/s")
}

// corpusStore builds a bolt store of the corpus, in batches of 10,000
// quads as build writes them, and returns it with its number of quads.
func corpusStore(b *testing.B) (*Store, int) {
	docs := benchDocs(b)
	ctx := context.Background()
	s, err := Open(filepath.Join(b.TempDir(), "kg.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	batch := s.NewBatch()
	n := 0
	for _, d := range docs {
		if err := batch.Replace(ctx, d.graph, d.quads); err != nil {
			b.Fatal(err)
		}
		n += len(d.quads)
		if batch.Len() >= 10000 {
			if err := batch.Commit(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := batch.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	return s, n
}

// BenchmarkQueries runs newskg-bench's five Gizmo queries on a store of
// the corpus, opened once, from its most quoted speaker.
func BenchmarkQueries(b *testing.B) {
	s, _ := corpusStore(b)
	ctx := context.Background()
	const nkg = "https://w3id.org/newskg/ns#"
	const typ = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
	rows, err := s.QueryValues(ctx, `g.V().Has("`+typ+`", "<`+nkg+`Claim>").Out("<`+nkg+`speaker>").All()`, QueryOptions{})
	if err != nil {
		b.Fatal(err)
	}
	count := map[string]int{}
	person := ""
	for _, r := range rows {
		if v := r.Values["id"]; v != nil {
			k := v.String()
			if count[k]++; person == "" || count[k] > count[person] || count[k] == count[person] && k < person {
				person = k
			}
		}
	}
	if person == "" {
		b.Fatal("no speaker")
	}
	rows, err = s.QueryValues(ctx, `g.V("`+person+`").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`, QueryOptions{})
	if err != nil || len(rows) == 0 {
		b.Fatalf("label of %s: %v", person, err)
	}
	label := fmt.Sprint(Native(rows[0].Values["id"]))
	for _, q := range []struct{ name, src string }{
		{"claims", `g.V("` + person + `").In("<` + nkg + `speaker>").Out("<` + nkg + `claimText>").All()`},
		{"meetings", `g.V().Has("` + typ + `", "<` + nkg + `Meeting>").Limit(100).Out("<` + nkg + `participant>").All()`},
		{"2hops", `g.V("` + person + `").In("<` + nkg + `participant>").Out("<` + nkg + `participant>").All()`},
		{"count", `g.emit(g.V().Has("` + typ + `", "<` + nkg + `Claim>").Count())`},
		{"label", `g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", ` + strconv.Quote(label) + `).All()`},
	} {
		b.Run(q.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s.Query(ctx, q.src, QueryOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExport writes a store of the corpus in each format; B/op and
// the peak-heap metric are the ones to compare (Turtle was written from
// memory, N-Quads streams).
func BenchmarkExport(b *testing.B) {
	s, n := corpusStore(b)
	ctx := context.Background()
	for _, f := range []Format{Turtle, NTriples, NQuads} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			peak := heapPeak()
			for i := 0; i < b.N; i++ {
				if err := s.Export(ctx, io.Discard, f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "quads/s")
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
		})
	}
}

// heapPeak samples the heap in use every 10 ms until the function it
// returns is called, which returns the largest sample in bytes.
func heapPeak() func() uint64 {
	runtime.GC()
	done := make(chan struct{})
	var peak uint64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}
