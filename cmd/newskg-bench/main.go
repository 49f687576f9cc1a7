// Command newskg-bench measures newskg at corpus scale and prints the
// figures as a Markdown table: extraction speed per core and on all cores,
// build time and peak memory as the corpus grows, load speed into bolt side
// by side with upstream `cayley load` on the same N-Quads, load speed into
// PostgreSQL, and Gizmo query latency on the store of the largest load (a
// million quads by default).
//
// Builds and loads run as child processes, so that their peak resident
// memory is measured alone:
//
//	go build -buildvcs=true -o /tmp/newskg ./cmd/newskg
//	go build -o /tmp/newskg-bench ./cmd/newskg-bench
//	/tmp/newskg-bench -newskg /tmp/newskg -cayley /tmp/cayley -work /tmp/bench
//
// Larger corpora are the Wikinews corpus repeated with fresh article ids.
// With -baseline (another newskg binary, say the last release's), every
// build and load runs with it too, on the same input, and the row gives the
// ratio. Commands compared run twice each, in turn (newskg, baseline,
// baseline, newskg; loads with upstream's in the middle), and each figure
// compared is the mean of the two. The last table holds the goals of the speed
// issue, each with the figure of this run and whether it is met.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"debug/buildinfo"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "github.com/lib/pq" // the postgres driver

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/graph"
)

type config struct {
	newskg, cayley, corpus, work, pg string
	baseline                         string // an older newskg binary to compare with
	scales                           []int
	articles                         int
	loads                            []int
	queries                          int
	cpuProfile                       string // of the in-process query runs
}

func main() {
	var c config
	var scales, loads string
	flag.StringVar(&c.newskg, "newskg", "", "newskg binary (required, but with -query-store)")
	flag.StringVar(&c.cayley, "cayley", "", "upstream cayley binary, for the load comparison (optional)")
	flag.StringVar(&c.baseline, "baseline", "", "another newskg binary, run on the same builds and loads for ratios (optional)")
	flag.StringVar(&c.corpus, "corpus", "../shared/corpus/wikinews-2019-2020.jsonl", "JSON Lines corpus")
	flag.StringVar(&c.work, "work", "", "scratch folder (default: a new temporary folder)")
	flag.StringVar(&c.pg, "pg", os.Getenv("NEWSKG_PG_URL"), "PostgreSQL server URL for the PostgreSQL load row (optional)")
	flag.StringVar(&scales, "scales", "1,4,16", "corpus repeats for the scaling rows")
	flag.IntVar(&c.articles, "articles", 50000, "articles for the memory row (0 to skip)")
	flag.StringVar(&loads, "load", "100000,1000000", "quads for the load rows")
	flag.IntVar(&c.queries, "queries", 200, "runs of each query for the latency rows")
	queryOnly := flag.String("query-store", "", "only time the queries, on this existing bolt store (whole processes too with -newskg and -cayley)")
	cpuProfile := flag.String("cpuprofile", "", "with -query-store: write a CPU profile of the in-process queries to `FILE`")
	flag.Parse()
	if *queryOnly != "" {
		c.cpuProfile = *cpuProfile
		rows, lat, err := c.queryLatency(context.Background(), *queryOnly)
		if err != nil {
			fmt.Fprintln(os.Stderr, "newskg-bench:", err)
			os.Exit(1)
		}
		for _, r := range rows {
			fmt.Println(r)
		}
		fmt.Println()
		(&goals{queries: lat}).print(os.Stdout)
		return
	}
	var err error
	if c.scales, err = ints(scales); err == nil {
		c.loads, err = ints(loads)
	}
	if err == nil && c.newskg == "" {
		err = errors.New("-newskg is required")
	}
	if err == nil && flag.NArg() > 0 {
		// A flag whose value is missing ("-pg $UNSET -articles 0") takes
		// the next flag as its value and ends the flags early.
		err = fmt.Errorf("unexpected argument %q: every setting is a flag (is a flag's value missing before it?)", flag.Arg(0))
	}
	if err == nil && c.pg != "" {
		// Checked before the builds, not found wrong after them.
		err = checkServer(c.pg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "newskg-bench:", err)
		os.Exit(2)
	}
	if c.work == "" {
		if c.work, err = os.MkdirTemp("", "newskg-bench"); err != nil {
			fmt.Fprintln(os.Stderr, "newskg-bench:", err)
			os.Exit(1)
		}
	}
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "newskg-bench:", err)
		os.Exit(1)
	}
	if err := run(context.Background(), c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "newskg-bench:", err)
		os.Exit(1)
	}
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("bad number list %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format(time.TimeOnly)}, args...)...)
}

func run(ctx context.Context, c config, w io.Writer) error {
	base, err := readCorpus(c.corpus)
	if err != nil {
		return err
	}
	words := 0
	for _, a := range base {
		words += len(strings.Fields(a.Text))
	}
	fmt.Fprintf(w, "Run of %s UTC, newskg %s", time.Now().UTC().Format("2006-01-02 15:04"), revision(c.newskg))
	if c.baseline != "" {
		fmt.Fprintf(w, ", baseline %s", revision(c.baseline))
	}
	fmt.Fprintf(w, ". Machine: %d CPUs, %s/%s, %s. Corpus: %d articles, %d words.\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), len(base), words)
	var g goals

	fmt.Fprintln(w, "| measure | value |")
	fmt.Fprintln(w, "|---|---|")
	for _, workers := range []int{1, runtime.NumCPU()} {
		wps, err := extractionSpeed(ctx, base, words, workers)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "| extraction, %d worker(s) | %.0f words/s, %.0f articles/s |\n", workers, wps, wps*float64(len(base))/float64(words))
	}

	var biggest string // the largest store built, for the query rows
	for _, k := range c.scales {
		bins := []string{c.newskg}
		if c.baseline != "" {
			bins = append(bins, c.baseline)
		}
		runs, db, err := c.buildRows(ctx, bins, base, k)
		if err != nil {
			return err
		}
		biggest = db
		r := mean(runs[0])
		row := fmt.Sprintf("| build %d× corpus (%d articles, %d quads) | %s, %.0f articles/s, %.0f quads/s of CPU, peak RSS %s (anonymous %s)",
			k, k*len(base), r.quads, times(runs[0]), float64(k*len(base))/r.elapsed.Seconds(), float64(r.quads)/r.cpu.Seconds(), mib(r.rss), mib(r.anon))
		if c.baseline != "" {
			old := mean(runs[1])
			row += fmt.Sprintf("; baseline %s: newskg %s", times(runs[1]), ratios(old, r))
		}
		fmt.Fprintln(w, row+" |")
		g.build(k, k*len(base), r)
	}
	if c.articles > 0 {
		k := (c.articles + len(base) - 1) / len(base)
		runs, _, err := c.buildRows(ctx, []string{c.newskg}, base, k)
		if err != nil {
			return err
		}
		r := runs[0][0]
		fmt.Fprintf(w, "| build %d articles (%d quads) | %s wall, %s CPU, %.0f articles/s, peak RSS %s (anonymous %s) |\n",
			k*len(base), r.quads, r.elapsed.Round(time.Second), r.cpu.Round(time.Second), float64(k*len(base))/r.elapsed.Seconds(), mib(r.rss), mib(r.anon))
		g.memory = &r
		g.memoryArticles = k * len(base)
	}

	queryStore := biggest
	if len(c.loads) > 0 {
		nq, err := c.exportQuads(ctx, biggest, c.loads[len(c.loads)-1])
		if err != nil {
			return err
		}
		for _, n := range c.loads {
			file, err := head(nq, n)
			if err != nil {
				return err
			}
			queryStore = filepath.Join(c.work, fmt.Sprintf("load-%d.db", n))
			// Each loader with the store it writes and its command line.
			type loader struct {
				bin, db string
				args    []string
			}
			loaders := []loader{{c.newskg, queryStore, []string{"load", "--db", queryStore, file}}}
			cayleyAt, baselineAt := -1, -1
			if c.cayley != "" {
				db := filepath.Join(c.work, fmt.Sprintf("cayley-%d.db", n))
				cayleyAt = len(loaders)
				loaders = append(loaders, loader{c.cayley, db, []string{"load", "-d", "bolt", "-a", db, "--init", "-i", file}})
			}
			if c.baseline != "" {
				db := filepath.Join(c.work, fmt.Sprintf("baseline-%d.db", n))
				baselineAt = len(loaders)
				loaders = append(loaders, loader{c.baseline, db, []string{"load", "--db", db, file}})
			}
			runs, err := inTurn(len(loaders), func(i int) (measurement, error) {
				l := loaders[i]
				os.RemoveAll(l.db)
				m, err := c.measure(ctx, l.bin, l.args...)
				if i > 0 {
					os.RemoveAll(l.db) // only newskg's store is kept, for the queries
				}
				return m, err
			})
			if err != nil {
				return err
			}
			ours := mean(runs[0])
			row := fmt.Sprintf("| load %d quads into bolt | newskg %s, %.0f quads/s, %.0f quads/s of CPU, RSS %s (anonymous %s)", n, times(runs[0]), float64(n)/ours.elapsed.Seconds(), float64(n)/ours.cpu.Seconds(), mib(ours.rss), mib(ours.anon))
			var up *measurement
			if cayleyAt >= 0 {
				m := mean(runs[cayleyAt])
				up = &m
				row += fmt.Sprintf("; cayley load %s, %.0f quads/s, RSS %s (anonymous %s): newskg %s", times(runs[cayleyAt]), float64(n)/m.elapsed.Seconds(), mib(m.rss), mib(m.anon), ratios(m, ours))
			}
			if baselineAt >= 0 {
				old := mean(runs[baselineAt])
				row += fmt.Sprintf("; baseline %s: newskg %s", times(runs[baselineAt]), ratios(old, ours))
			}
			fmt.Fprintln(w, row+" |")
			g.load(n, ours, up)
			if c.pg != "" && n == c.loads[0] {
				db, drop, err := freshDatabase(c.pg)
				if err != nil {
					return err
				}
				pg, err := c.measure(ctx, c.newskg, "load", "--db", db, file)
				drop()
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "| load %d quads into PostgreSQL | newskg %s wall, %s CPU of newskg (%.0f quads/s) |\n", n, pg.elapsed.Round(time.Millisecond), pg.cpu.Round(time.Millisecond), float64(n)/pg.elapsed.Seconds())
				g.pgLoad, g.pgQuads = &pg, n
			}
		}
	}

	if queryStore != "" && c.queries > 0 {
		rows, lat, err := c.queryLatency(ctx, queryStore)
		if err != nil {
			return err
		}
		for _, r := range rows {
			fmt.Fprintln(w, r)
		}
		g.queries = lat
	}
	fmt.Fprintln(w)
	g.print(w)
	return nil
}

// ratios says how many times faster measurement m is than old, in wall and
// in CPU time.
func ratios(old, m measurement) string {
	return fmt.Sprintf("%.2f× as fast in wall time, %.2f× in CPU", old.elapsed.Seconds()/m.elapsed.Seconds(), old.cpu.Seconds()/m.cpu.Seconds())
}

// revision names the commit a Go binary was built from, from its build
// information ("unknown" without it).
func revision(bin string) string {
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		return "unknown"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "unknown"
	}
	if len(rev) > 7 {
		rev = rev[:7]
	}
	if dirty {
		rev += " (modified)"
	}
	return rev
}

// latency is one query's figures.
type latency struct {
	name              string
	p50, p99, process time.Duration // process: a whole `newskg query`, 0 when not run
}

// goals gathers the figures the speed issue sets goals for.
type goals struct {
	builds         []buildFigure
	loads          []loadFigure
	memory         *measurement
	memoryArticles int
	pgLoad         *measurement
	pgQuads        int
	queries        []latency
}

type buildFigure struct {
	k, articles int
	m           measurement
}

type loadFigure struct {
	n      int
	ours   measurement
	cayley *measurement
}

func (g *goals) build(k, articles int, m measurement) {
	g.builds = append(g.builds, buildFigure{k, articles, m})
}

func (g *goals) load(n int, ours measurement, cayley *measurement) {
	g.loads = append(g.loads, loadFigure{n, ours, cayley})
}

// print writes the goals table: each goal, this run's figure, met or not.
func (g *goals) print(w io.Writer) {
	fmt.Fprintln(w, "| goal | this run | met |")
	fmt.Fprintln(w, "|---|---|---|")
	row := func(goal, figure string, met bool) {
		yes := "no"
		if met {
			yes = "yes"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", goal, figure, yes)
	}
	for _, l := range g.loads {
		if l.n < 1_000_000 {
			continue
		}
		if l.cayley != nil {
			wall, cpu := l.cayley.elapsed.Seconds()/l.ours.elapsed.Seconds(), l.cayley.cpu.Seconds()/l.ours.cpu.Seconds()
			row(fmt.Sprintf("`load` of %d quads ≥ 2× upstream `cayley load`, wall and CPU", l.n), fmt.Sprintf("%.2f× wall, %.2f× CPU", wall, cpu), wall >= 2 && cpu >= 2)
		}
		perCPU := float64(l.n) / l.ours.cpu.Seconds()
		row(fmt.Sprintf("`load` of %d quads ≥ 100,000 quads per CPU second", l.n), fmt.Sprintf("%.0f", perCPU), perCPU >= 100_000)
	}
	if len(g.builds) > 0 {
		first, last := g.builds[0], g.builds[len(g.builds)-1]
		rate := float64(last.articles) / last.m.elapsed.Seconds()
		row(fmt.Sprintf("`build` of %d× the corpus ≥ 2× the issue's 35 articles/s", last.k), fmt.Sprintf("%.0f articles/s", rate), rate >= 70)
		if last.k > first.k {
			per := func(b buildFigure) float64 { return b.m.elapsed.Seconds() / float64(b.articles) }
			r := per(last) / per(first)
			row(fmt.Sprintf("`build` cost linear: time per article at %d× within 1.3× of %d×", last.k, first.k),
				fmt.Sprintf("%.1f ms against %.1f ms: %.2f×", 1000*per(last), 1000*per(first), r), r <= 1.3)
		}
	}
	for _, q := range g.queries {
		row("query p50 under 2 ms: "+q.name, q.p50.Round(10*time.Microsecond).String(), q.p50 < 2*time.Millisecond)
	}
	for _, q := range g.queries {
		if q.process > 0 {
			row("whole `newskg query` process under 30 ms: "+q.name, q.process.Round(time.Millisecond).String(), q.process < 30*time.Millisecond)
		}
	}
	if g.memory != nil {
		row(fmt.Sprintf("build of %d articles: anonymous RSS under 400 MiB", g.memoryArticles), fmt.Sprintf("%s (RSS with the mapped store %s)", mib(g.memory.anon), mib(g.memory.rss)), g.memory.anon < 400<<20)
	}
	if g.pgLoad != nil {
		rate := float64(g.pgQuads) / g.pgLoad.elapsed.Seconds()
		row(fmt.Sprintf("PostgreSQL load of %d quads ≥ 2× the issue's 25,000 quads/s", g.pgQuads), fmt.Sprintf("%.0f quads/s", rate), rate >= 50_000)
	}
}

func mib(b int64) string { return fmt.Sprintf("%d MiB", b>>20) }

func readCorpus(path string) ([]extract.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []extract.Article
	err = extract.ReadJSONL(path, f, func(a extract.Article) error { out = append(out, a); return nil })
	return out, err
}

// extractionSpeed extracts the corpus on the given number of goroutines
// and returns words per second.
func extractionSpeed(ctx context.Context, articles []extract.Article, words, workers int) (float64, error) {
	x, err := extract.New()
	if err != nil {
		return 0, err
	}
	const rounds = 3
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	next := make(chan extract.Article)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				if _, err := x.Extract(ctx, a); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for range rounds {
		for _, a := range articles {
			next <- a
		}
	}
	close(next)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return float64(rounds*words) / time.Since(start).Seconds(), nil
}

type measurement struct {
	elapsed time.Duration
	cpu     time.Duration // user and system CPU time of the process
	rss     int64         // peak resident set size, bytes
	anon    int64         // peak anonymous resident memory (heap, stacks), bytes
	quads   int
	stderr  string
}

// sampleAnon polls a process's anonymous resident memory (RssAnon in
// /proc/PID/status) until done is closed and returns the peak. RSS also
// counts the pages of the bolt file the process has mapped; those are page
// cache the kernel reclaims, so RssAnon is what the process really holds.
func sampleAnon(pid int, done <-chan struct{}) <-chan int64 {
	out := make(chan int64, 1)
	go func() {
		var peak int64
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					if v, ok := strings.CutPrefix(line, "RssAnon:"); ok {
						kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
						peak = max(peak, kb*1024)
					}
				}
			}
			select {
			case <-done:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// measure runs a command and reports its wall time, CPU time and peak RSS.
func (c config) measure(ctx context.Context, bin string, args ...string) (measurement, error) {
	logf("%s %s", filepath.Base(bin), strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return measurement{}, err
	}
	done := make(chan struct{})
	anon := sampleAnon(cmd.Process.Pid, done)
	err := cmd.Wait()
	close(done)
	m := measurement{elapsed: time.Since(start), stderr: stderr.String(), anon: <-anon}
	if err != nil {
		return m, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, lastLines(stderr.String(), 5))
	}
	m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return m, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

var quadsRe = regexp.MustCompile(`(\d+) quads in`)

// buildRows builds k repeats of the corpus into a new bolt store with each
// newskg binary of bins, in turn (see inTurn), and returns each binary's
// measurements and the store of the first. The others' stores are removed.
func (c config) buildRows(ctx context.Context, bins []string, base []extract.Article, k int) ([][]measurement, string, error) {
	input := filepath.Join(c.work, fmt.Sprintf("corpus-%d.jsonl", k))
	if err := repeatCorpus(base, k, input); err != nil {
		return nil, "", err
	}
	defer os.Remove(input)
	store := func(i int) string {
		if i == 0 {
			return filepath.Join(c.work, fmt.Sprintf("build-%d.db", k))
		}
		return filepath.Join(c.work, fmt.Sprintf("build-%d-%d.db", k, i))
	}
	runs, err := inTurn(len(bins), func(i int) (measurement, error) {
		db := store(i)
		os.RemoveAll(db)
		m, err := c.measure(ctx, bins[i], "build", "-q", "--db", db, input)
		if sm := quadsRe.FindStringSubmatch(m.stderr); sm != nil {
			m.quads, _ = strconv.Atoi(sm[1])
		}
		if i > 0 {
			os.RemoveAll(db)
		}
		return m, err
	})
	if err != nil {
		return nil, "", err
	}
	return runs, store(0), nil
}

// inTurn measures n commands side by side. One command runs once; more run
// twice each, in the order 0, 1, …, n-1, n-1, …, 0, so that a shared
// machine growing busier or quieter during the run weighs on each of them
// alike (a drift linear in time cancels in each command's mean), and the
// command run last is not always the one that finds the page cache warm.
// It returns each command's measurements.
func inTurn(n int, run func(i int) (measurement, error)) ([][]measurement, error) {
	order := make([]int, 0, 2*n)
	for i := range n {
		order = append(order, i)
	}
	if n > 1 {
		for i := n - 1; i >= 0; i-- {
			order = append(order, i)
		}
	}
	runs := make([][]measurement, n)
	for _, i := range order {
		m, err := run(i)
		if err != nil {
			return nil, err
		}
		runs[i] = append(runs[i], m)
	}
	return runs, nil
}

// mean is the mean of measurements of one command: mean wall and CPU time,
// the highest peak memory.
func mean(ms []measurement) measurement {
	out := ms[0]
	for _, m := range ms[1:] {
		out.elapsed += m.elapsed
		out.cpu += m.cpu
		out.rss = max(out.rss, m.rss)
		out.anon = max(out.anon, m.anon)
	}
	out.elapsed /= time.Duration(len(ms))
	out.cpu /= time.Duration(len(ms))
	return out
}

// times says a command's wall and CPU time: the mean, and each run when
// there were several.
func times(ms []measurement) string {
	m := mean(ms)
	s := fmt.Sprintf("%s wall, %s CPU", m.elapsed.Round(time.Millisecond), m.cpu.Round(time.Millisecond))
	if len(ms) > 1 {
		var wall, cpu []string
		for _, r := range ms {
			wall = append(wall, r.elapsed.Round(time.Millisecond).String())
			cpu = append(cpu, r.cpu.Round(time.Millisecond).String())
		}
		s += fmt.Sprintf(" (mean of %s wall, %s CPU)", strings.Join(wall, " and "), strings.Join(cpu, " and "))
	}
	return s
}

// repeatCorpus writes the corpus k times, each copy with fresh ids.
func repeatCorpus(base []extract.Article, k int, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(bw)
	for r := range k {
		for _, a := range base {
			rec := map[string]string{"id": fmt.Sprintf("%s-r%d", a.ID, r), "url": a.URL, "title": a.Title, "text": a.Text}
			if a.HasDate() {
				rec["date"] = a.Date.Format(time.DateOnly)
			}
			if err := enc.Encode(rec); err != nil {
				f.Close()
				return err
			}
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// exportQuads writes at least n quads of a store as N-Quads.
func (c config) exportQuads(ctx context.Context, db string, n int) (string, error) {
	out := filepath.Join(c.work, "export.nq")
	logf("export %s", db)
	cmd := exec.CommandContext(ctx, c.newskg, "export", "--db", db, "--format", "nquads")
	f, err := os.Create(out)
	if err != nil {
		return "", err
	}
	defer f.Close()
	cmd.Stdout = f
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("export: %w", err)
	}
	lines, err := countLines(out)
	if err != nil {
		return "", err
	}
	if lines < n {
		return "", fmt.Errorf("the largest store has %d quads, fewer than %d: raise -scales", lines, n)
	}
	return out, nil
}

func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	n := 0
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

// head writes the first n lines of a file to a new file.
func head(path string, n int) (string, error) {
	out := strings.TrimSuffix(path, ".nq") + fmt.Sprintf("-%d.nq", n)
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	f, err := os.Create(out)
	if err != nil {
		return "", err
	}
	bw := bufio.NewWriter(f)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for i := 0; i < n && sc.Scan(); i++ {
		bw.Write(sc.Bytes())
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return "", err
	}
	return out, f.Close()
}

// queryLatency runs typical queries on a store opened once and reports
// p50 and p99; then, with -newskg and -cayley binaries, the whole process
// of `newskg query` and upstream `cayley query` on the same store.
func (c config) queryLatency(ctx context.Context, db string) ([]string, []latency, error) {
	runs := c.queries
	// the walks start from the store's most quoted speaker, found in a
	// store opened for that alone: the timed one begins with an empty
	// cache of log entries, which the first run of each walk fills
	s, err := graph.Open(db, &graph.Options{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	person, label, err := mostQuoted(ctx, s)
	if err := errors.Join(err, s.Close()); err != nil {
		return nil, nil, err
	}
	if s, err = graph.Open(db, &graph.Options{ReadOnly: true}); err != nil {
		return nil, nil, err
	}
	closed := false
	defer func() {
		if !closed {
			s.Close()
		}
	}()
	n, err := s.Size(ctx)
	if err != nil {
		return nil, nil, err
	}
	const nkg = "https://w3id.org/newskg/ns#"
	queries := []struct{ name, src string }{
		{"an entity's claims", `g.V("` + person + `").In("<` + nkg + `speaker>").Out("<` + nkg + `claimText>").All()`},
		{"who met whom (100 meetings)", `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<` + nkg + `Meeting>").Limit(100).Out("<` + nkg + `participant>").All()`},
		{"2 hops: actor → event → actor", `g.V("` + person + `").In("<` + nkg + `participant>").Out("<` + nkg + `participant>").All()`},
		{"count of all claims", `g.emit(g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<` + nkg + `Claim>").Count())`},
		{"lookup by label", `g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", ` + strconv.Quote(label) + `).All()`},
	}
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return nil, nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("cpu profile: %w", err)
		}
		defer f.Close()
	}
	var rows []string
	var lats []latency
	for _, q := range queries {
		times := make([]time.Duration, 0, runs)
		results := 0
		for range runs {
			start := time.Now()
			res, err := s.Query(ctx, q.src, graph.QueryOptions{Timeout: time.Minute})
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", q.name, err)
			}
			times = append(times, time.Since(start))
			results = len(res)
		}
		first := times[0]
		p50, p99 := percentiles(times)
		lats = append(lats, latency{name: q.name, p50: p50, p99: p99})
		rows = append(rows, fmt.Sprintf("| query on %d quads: %s (%d results) | in process first run %s, p50 %s, p99 %s",
			n, q.name, results, first.Round(time.Microsecond), p50.Round(time.Microsecond), p99.Round(time.Microsecond)))
	}
	if c.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	most := 0
	for _, r := range rows {
		most = max(most, resultsOf(r))
	}
	if floor, err := gizmoAlone(ctx, most, runs); err != nil {
		return nil, nil, err
	} else if floor != "" {
		rows = append(rows, floor)
	}
	// whole processes, once the store is closed (upstream cayley waits for
	// any other holder of the file)
	closed = true
	if err := s.Close(); err != nil {
		return nil, nil, err
	}
	for i, q := range queries {
		row := rows[i]
		if c.newskg != "" {
			wall, err := processLatency(ctx, 30, c.newskg, "query", "--db", db, "--limit", "10000000", q.src)
			if err != nil {
				return nil, nil, err
			}
			row += fmt.Sprintf("; `newskg query` process p50 %s", wall.Round(time.Millisecond))
			lats[i].process = wall
		}
		if c.cayley != "" {
			wall, err := processLatency(ctx, 10, c.cayley, "query", "-d", "bolt", "-a", db, "--read_only", "-n", "10000000", q.src)
			if err != nil {
				return nil, nil, err
			}
			row += fmt.Sprintf("; `cayley query` process p50 %s", wall.Round(time.Millisecond))
		}
		rows[i] = row + " |"
	}
	return rows, lats, nil
}

// resultsOf reads the count of results back from a latency row.
func resultsOf(row string) int {
	m := regexp.MustCompile(`\((\d+) results\)`).FindStringSubmatch(row)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// gizmoAlone times Gizmo's own cost of n rows: one hop from a node to n
// others in an in-memory store, where reading the quads costs next to
// nothing. It is the floor under any walk of n rows through Gizmo.
func gizmoAlone(ctx context.Context, n, runs int) (string, error) {
	if n == 0 {
		return "", nil
	}
	var nq strings.Builder
	for i := range n {
		fmt.Fprintf(&nq, "<urn:x:a> <urn:x:p> <urn:x:o%d> .\n", i)
	}
	s := graph.OpenMemory(nil)
	defer s.Close()
	if _, err := s.Load(ctx, strings.NewReader(nq.String()), graph.NQuads, "gizmo floor", "floor", ""); err != nil {
		return "", fmt.Errorf("gizmo floor: %w", err)
	}
	times := make([]time.Duration, 0, runs)
	for range runs {
		start := time.Now()
		res, err := s.Query(ctx, `g.V("<urn:x:a>").Out("<urn:x:p>").All()`, graph.QueryOptions{Timeout: time.Minute})
		if err != nil {
			return "", fmt.Errorf("gizmo floor: %w", err)
		}
		if len(res) != n {
			return "", fmt.Errorf("gizmo floor: %d rows, want %d", len(res), n)
		}
		times = append(times, time.Since(start))
	}
	p50, p99 := percentiles(times)
	return fmt.Sprintf("| Gizmo alone: %d rows of one hop in an in-memory store | in process p50 %s, p99 %s |", n, p50.Round(time.Microsecond), p99.Round(time.Microsecond)), nil
}

// mostQuoted is the speaker of the most claims in the store, as a Gizmo
// node ("<iri>"), and its label: the start of the walks timed, chosen from
// the data rather than named.
func mostQuoted(ctx context.Context, s *graph.Store) (node, label string, err error) {
	const nkg = "https://w3id.org/newskg/ns#"
	rows, err := s.QueryValues(ctx, `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<`+nkg+`Claim>").Out("<`+nkg+`speaker>").All()`,
		graph.QueryOptions{Timeout: time.Minute})
	if err != nil {
		return "", "", fmt.Errorf("find the most quoted speaker: %w", err)
	}
	count := map[string]int{}
	for _, r := range rows {
		if v := r.Values["id"]; v != nil {
			count[v.String()]++
		}
	}
	for n, c := range count {
		if node == "" || c > count[node] || c == count[node] && n < node {
			node = n
		}
	}
	if node == "" {
		return "", "", errors.New("the store holds no claim with a speaker")
	}
	rows, err = s.QueryValues(ctx, `g.V("`+node+`").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`, graph.QueryOptions{Timeout: time.Minute})
	if err != nil || len(rows) == 0 {
		return "", "", fmt.Errorf("label of %s: %v", node, err)
	}
	return node, fmt.Sprint(graph.Native(rows[0].Values["id"])), nil
}

// percentiles returns the median and the 99th percentile of times.
func percentiles(times []time.Duration) (p50, p99 time.Duration) {
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	p := func(f float64) time.Duration { return times[min(len(times)-1, int(f*float64(len(times))))] }
	return p(0.50), p(0.99)
}

// processLatency runs a command runs times and returns its median wall
// time.
func processLatency(ctx context.Context, runs int, bin string, args ...string) (time.Duration, error) {
	times := make([]time.Duration, 0, runs)
	for range runs {
		cmd := exec.CommandContext(ctx, bin, args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return 0, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, lastLines(stderr.String(), 5))
		}
		times = append(times, time.Since(start))
	}
	p50, _ := percentiles(times)
	return p50, nil
}

// freshDatabase creates a database on the PostgreSQL server and returns
// its URL and a function that drops it.
// checkServer says whether server is a PostgreSQL URL newskg-bench can
// make databases on.
func checkServer(server string) error {
	if u, err := url.Parse(server); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return fmt.Errorf("-pg %q: not a postgres:// URL", server)
	}
	db, err := sql.Open("postgres", server)
	if err != nil {
		return fmt.Errorf("-pg %s: %w", server, err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("-pg %s: %w", server, err)
	}
	return nil
}

func freshDatabase(server string) (string, func(), error) {
	db, err := sql.Open("postgres", server)
	if err != nil {
		return "", nil, err
	}
	name := fmt.Sprintf("newskg_bench_%d", time.Now().UnixNano())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		return "", nil, err
	}
	u, err := url.Parse(server)
	if err != nil {
		db.Close()
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), func() {
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		db.Close()
	}, nil
}
