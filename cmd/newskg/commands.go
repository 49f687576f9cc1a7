package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/cayleygraph/quad"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/urfave/cli/v2"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/graph"
	"github.com/newskg/newskg/graph/ingest"
	"github.com/newskg/newskg/ontology"
)

// dbFlag is --db, or NEWSKG_DB. A new flag for each command: urfave/cli
// stores a value read from the environment in the flag itself.
func dbFlag() cli.Flag {
	return &cli.StringFlag{Name: "db", EnvVars: []string{"NEWSKG_DB"},
		Usage: "store: a `DIR` (embedded Cayley bolt store, created by build and load when missing) or a postgres:// URL"}
}

// openStore opens the store --db names; existing says whether it must
// exist already (query, export, rm) or is created (build, load).
func openStore(c *cli.Context, existing bool, minter graph.Minter) (*graph.Store, error) {
	db, err := dbPath(c, existing)
	if err != nil {
		return nil, err
	}
	return warnRecovered(c)(graph.Open(db, &graph.Options{Minter: minter}))
}

// openReader opens an existing store for reading (query, export): under
// a shared lock for bolt, so that readers do not wait for one another.
func openReader(c *cli.Context) (*graph.Store, error) {
	db, err := dbPath(c, true)
	if err != nil {
		return nil, err
	}
	return warnRecovered(c)(graph.Open(db, &graph.Options{ReadOnly: !graph.IsPostgres(db)}))
}

// warnRecovered says on stderr when a store opened at the transaction
// before a torn one (see graph.Store.Recovered).
func warnRecovered(c *cli.Context) func(*graph.Store, error) (*graph.Store, error) {
	return func(s *graph.Store, err error) (*graph.Store, error) {
		if err == nil {
			if r := s.Recovered(); r != "" {
				fmt.Fprintf(c.App.ErrWriter, "newskg: warning: %s\n", r)
			}
		}
		return s, err
	}
}

// dbPath returns --db; existing says whether the store must exist already.
func dbPath(c *cli.Context, existing bool) (string, error) {
	p := c.String("db")
	if p == "" {
		return "", usagef("%s: --db DIR is required", c.Command.Name)
	}
	if existing && !graph.IsPostgres(p) {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("store %s: %w", p, err)
		}
	}
	return p, nil
}

func dateFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "date", Usage: "publication date `YYYY-MM-DD` for every article (overrides front matter)"}
}

func maxSizeFlag() *cli.IntFlag {
	return &cli.IntFlag{Name: "max-article-size", Value: extract.DefaultMaxArticleBytes,
		Usage: "refuse an article whose text is longer than this many `BYTES` (0: no limit)"}
}

func baseFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "base", Usage: "base `IRI` for minted resources", Value: graph.DefaultBase}
}

// articleOptions reads --date and --base.
func articleOptions(c *cli.Context) (time.Time, graph.Minter, error) {
	var date time.Time
	if s := c.String("date"); s != "" {
		d, err := extract.ParseDate(s)
		if err != nil {
			return date, graph.Minter{}, usagef("--date: %v", err)
		}
		date = d
	}
	m, err := graph.NewMinter(c.String("base"))
	if err != nil {
		return date, m, usagef("--base: %v", err)
	}
	return date, m, nil
}

func needArgs(c *cli.Context, what string) error {
	if c.NArg() == 0 {
		return usagef("%s: give at least one %s", c.Command.Name, what)
	}
	return nil
}

func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "extract articles and write one RDF file per article",
		ArgsUsage: "INPUT...  (.txt articles, .jsonl files, or folders of them)",
		Flags: []cli.Flag{
			dateFlag(), baseFlag(), maxSizeFlag(),
			&cli.StringFlag{Name: "format", Value: "turtle", Usage: "turtle, ntriples or nquads"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "-", Usage: "output `DIR` (NAME.ttl per article), or - for standard output"},
		},
		Action: func(c *cli.Context) error {
			if err := needArgs(c, "INPUT"); err != nil {
				return err
			}
			date, minter, err := articleOptions(c)
			if err != nil {
				return err
			}
			f, err := graph.ParseFormat(c.String("format"))
			if err != nil {
				return usagef("--format: %v", err)
			}
			out := c.String("output")
			if out != "-" {
				if err := os.MkdirAll(out, 0o755); err != nil {
					return err
				}
			}
			x, err := extract.New()
			if err != nil {
				return err
			}
			n := 0
			written := map[string]string{} // file name → article id
			if c.Int("max-article-size") < 0 {
				return usagef("extract: --max-article-size must be 0 or more")
			}
			w := &extract.Walker{Stdin: c.App.Reader, MaxArticleBytes: c.Int("max-article-size")}
			err = w.Walk(c.Context, c.Args().Slice(), func(a extract.Article, err error) error {
				if err != nil {
					return err // extract stops at the first article it cannot read
				}
				if !date.IsZero() {
					a.Date = date
				}
				doc, err := x.Extract(c.Context, a)
				if err != nil {
					return fmt.Errorf("extract %s: %w", a.ID, err)
				}
				ts := minter.Triples(doc)
				g := minter.Article(a.ID)
				n++
				if out == "-" {
					return graph.WriteTriples(c.App.Writer, f, ts, g)
				}
				name := safeFileName(a.ID) + f.Ext()
				if prev, ok := written[name]; ok {
					return fmt.Errorf("articles %q and %q would both be written to %s: give them distinct ids", prev, a.ID, name)
				}
				written[name] = a.ID
				return writeFileAtomic(filepath.Join(out, name), func(w io.Writer) error {
					return graph.WriteTriples(w, f, ts, g)
				})
			})
			if err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("no articles found in %s", strings.Join(c.Args().Slice(), ", "))
			}
			if out != "-" {
				fmt.Fprintf(c.App.ErrWriter, "wrote %d article(s) to %s\n", n, out)
			}
			return nil
		},
	}
}

// writeFileAtomic writes a file through a temporary file and a rename, so
// a failure never leaves half a file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

func loadCommand() *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "load Turtle, N-Triples or N-Quads files into the store",
		ArgsUsage: "FILE...  (.ttl, .nt, .nq, optionally .gz; - for standard input, with --format)",
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "graph", Usage: "named graph `IRI` for Turtle and N-Triples (default: the file's article, else the default graph)"},
			&cli.StringFlag{Name: "format", Usage: "the format of standard input (-): turtle, ntriples or nquads"}},
		Action: func(c *cli.Context) error {
			if err := needArgs(c, "FILE"); err != nil {
				return err
			}
			tuneGCForLoad(os.Getenv)
			var stdinFormat graph.Format
			for _, p := range c.Args().Slice() {
				if p == "-" {
					if c.String("format") == "" {
						return usagef("load -: give the format of standard input with --format turtle, ntriples or nquads")
					}
					f, err := graph.ParseFormat(c.String("format"))
					if err != nil {
						return usagef("--format: %v", err)
					}
					stdinFormat = f
					continue
				}
				if _, err := graph.FormatOf(p); err != nil {
					return usagef("%v", err)
				}
			}
			if c.String("format") != "" && stdinFormat == "" {
				return usagef("--format is for standard input (-) only; a file's format comes from its name")
			}
			s, err := openStore(c, false, graph.Minter{})
			if err != nil {
				return err
			}
			defer s.Close()
			total := 0
			for _, p := range c.Args().Slice() {
				var res graph.LoadResult
				var err error
				if p == "-" {
					res, err = s.Load(c.Context, c.App.Reader, stdinFormat, "standard input", "-", c.String("graph"))
				} else {
					res, err = s.LoadFile(c.Context, p, c.String("graph"))
				}
				if err != nil {
					return fmt.Errorf("load %w", err)
				}
				total += res.Quads
			}
			fmt.Fprintf(c.App.ErrWriter, "loaded %d quads from %d file(s)\n", total, c.NArg())
			return nil
		},
	}
}

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:  "build",
		Usage: "extract articles and load them into the store",
		Description: "Reads .txt articles, .jsonl files (one article a line), their .gz forms, folders of them\n" +
			"(recursively) and - (JSON Lines on standard input). Each article replaces its own named graph;\n" +
			"articles the store already holds unchanged are skipped, so a rerun after an interruption\n" +
			"carries on. An article that cannot be read is reported and skipped, and the exit status is 1\n" +
			"at the end (--strict stops at the first).",
		ArgsUsage: "INPUT...",
		Flags: []cli.Flag{dbFlag(), dateFlag(), baseFlag(), maxSizeFlag(),
			&cli.IntFlag{Name: "workers", Usage: "extraction workers (default: one per CPU)"},
			&cli.IntFlag{Name: "batch", Value: 10000, Usage: "quads per transaction"},
			&cli.BoolFlag{Name: "strict", Usage: "stop at the first article that cannot be read"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress, only the summary"},
		},
		Action: func(c *cli.Context) error {
			if err := needArgs(c, "INPUT"); err != nil {
				return err
			}
			if _, err := dbPath(c, false); err != nil {
				return err
			}
			date, minter, err := articleOptions(c)
			if err != nil {
				return err
			}
			if c.Int("workers") < 0 || c.Int("batch") < 1 || c.Int("max-article-size") < 0 {
				return usagef("build: --workers and --max-article-size must be 0 or more and --batch 1 or more")
			}
			for _, p := range c.Args().Slice() {
				if _, err := os.Stat(p); err != nil && p != "-" {
					return err
				}
			}
			workers := c.Int("workers")
			if workers == 0 {
				workers = runtime.NumCPU() // ingest's default
			}
			tuneGCForBuild(os.Getenv, workers)
			x, err := extract.New()
			if err != nil {
				return err
			}
			s, err := openStore(c, false, minter)
			if err != nil {
				return err
			}
			defer s.Close()
			opt := ingest.Options{Workers: c.Int("workers"), BatchQuads: c.Int("batch"), Strict: c.Bool("strict"),
				Date: date, Stdin: c.App.Reader, MaxArticleBytes: c.Int("max-article-size")}
			if !c.Bool("quiet") {
				p := newProgress(c.App.ErrWriter)
				opt.Progress, opt.ProgressEvery = p.update, p.every
				defer p.done()
			}
			sum, err := ingest.Build(c.Context, s, x, c.Args().Slice(), opt)
			if !c.Bool("quiet") {
				// the progress line ends before the summary
				fmt.Fprint(c.App.ErrWriter, clearLine(c.App.ErrWriter))
			}
			writeSummary(c.App.ErrWriter, sum)
			if err == nil && sum.Articles+sum.Unchanged+sum.Skipped == 0 {
				return fmt.Errorf("no articles found in %s", strings.Join(c.Args().Slice(), ", "))
			}
			return err
		},
	}
}

// writeSummary prints what a build did.
func writeSummary(w io.Writer, s ingest.Summary) {
	fmt.Fprintf(w, "built %d article(s) (%d unchanged, %d skipped): %d entities, %d claims, %d events, %d quads in %s\n",
		s.Articles, s.Unchanged, s.Skipped, s.Entities, s.Claims, s.Events, s.Quads, s.Elapsed.Round(time.Millisecond))
	for _, sk := range s.SkippedArticles {
		fmt.Fprintf(w, "skipped: %s\n", sk.Reason)
	}
}

func rmCommand() *cli.Command {
	return &cli.Command{
		Name:      "rm",
		Usage:     "remove articles (their named graphs) from the store",
		ArgsUsage: "ARTICLE_ID...",
		Flags:     []cli.Flag{dbFlag(), baseFlag()},
		Action: func(c *cli.Context) error {
			if err := needArgs(c, "ARTICLE_ID"); err != nil {
				return err
			}
			_, minter, err := articleOptions(c)
			if err != nil {
				return err
			}
			s, err := openStore(c, true, minter)
			if err != nil {
				return err
			}
			defer s.Close()
			b := s.NewBatch()
			var missing []string
			total := 0
			for _, id := range c.Args().Slice() {
				n, err := b.Remove(c.Context, minter.Article(id))
				if err != nil {
					return err
				}
				if n == 0 {
					missing = append(missing, id)
				}
				total += n
			}
			if err := b.Commit(c.Context); err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "removed %d article(s), %d quads\n", c.NArg()-len(missing), total)
			if len(missing) > 0 {
				return fmt.Errorf("not in the store: %s", strings.Join(missing, ", "))
			}
			return nil
		},
	}
}

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a Gizmo query",
		ArgsUsage: "[GIZMO]  (or -f FILE, or the query on standard input)",
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "read the query from `FILE`"},
			&cli.IntFlag{Name: "limit", Value: 1000, Usage: "at most `N` results (0: no limit); a cut result is said on stderr"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop the query after `D`"},
			&cli.StringFlag{Name: "format", Value: "json", Usage: "json, jsonl (one result a line), table, csv or tsv"},
		},
		Action: func(c *cli.Context) error {
			src, err := querySource(c)
			if err != nil {
				return err
			}
			format := c.String("format")
			switch format {
			case "json", "jsonl", "table", "csv", "tsv":
			default:
				return usagef("--format: want json, jsonl, table, csv or tsv, got %q", format)
			}
			if c.Int("limit") < 0 {
				return usagef("--limit: want 0 or more")
			}
			if c.Duration("timeout") <= 0 {
				return usagef("--timeout: want a positive duration such as 30s, got %s", c.Duration("timeout"))
			}
			s, err := openReader(c)
			if err != nil {
				return err
			}
			defer s.Close()
			limit := c.Int("limit")
			ask := limit
			if limit > 0 {
				ask = limit + 1 // one more tells whether the limit cut the result
			}
			res, err := s.Query(c.Context, src, graph.QueryOptions{Limit: ask, Timeout: c.Duration("timeout")})
			if limit > 0 && len(res) > limit {
				res = res[:limit]
				fmt.Fprintf(c.App.ErrWriter, "newskg: showing the first %d results; more matched (raise --limit, or --limit 0 for all)\n", limit)
			}
			if err != nil {
				return err
			}
			switch format {
			case "table":
				return writeTable(c.App.Writer, res)
			case "csv", "tsv":
				return writeRows(c.App.Writer, res, format)
			case "jsonl":
				enc := json.NewEncoder(c.App.Writer)
				enc.SetEscapeHTML(false)
				for _, r := range res {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
			enc := json.NewEncoder(c.App.Writer)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(res)
		},
	}
}

func querySource(c *cli.Context) (string, error) {
	switch {
	case c.String("file") != "" && c.NArg() > 0:
		return "", usagef("query: give the query as an argument or with -f, not both")
	case c.String("file") != "":
		b, err := os.ReadFile(c.String("file"))
		if err != nil {
			return "", err
		}
		if strings.TrimSpace(string(b)) == "" {
			return "", usagef("query: %s holds no query", c.String("file"))
		}
		return string(b), nil
	case c.NArg() > 1:
		return "", usagef("query: one query argument expected, got %d (quote the query)", c.NArg())
	case c.NArg() == 1 && c.Args().First() != "-":
		if strings.TrimSpace(c.Args().First()) == "" {
			return "", usagef("query: the query is empty")
		}
		return c.Args().First(), nil
	}
	b, err := io.ReadAll(c.App.Reader)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(string(b)) == "" {
		return "", usagef("query: no query given")
	}
	return string(b), nil
}

// writeRows prints results as CSV (RFC 4180) or TSV, a header of the
// tags first, as the table does. A value that is not a string, number or
// boolean is written as JSON; in TSV, tab, newline, carriage return and
// backslash are written \t, \n, \r and \\.
func writeRows(w io.Writer, res []any, format string) error {
	names := columns(res)
	var write func([]string) error
	var flush func() error
	if format == "csv" {
		cw := csv.NewWriter(w)
		write, flush = cw.Write, func() error { cw.Flush(); return cw.Error() }
	} else {
		bw := bufio.NewWriter(w)
		esc := strings.NewReplacer("\\", `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
		write = func(row []string) error {
			for i, f := range row {
				row[i] = esc.Replace(f)
			}
			_, err := bw.WriteString(strings.Join(row, "\t") + "\n")
			return err
		}
		flush = bw.Flush
	}
	if len(names) > 0 {
		if err := write(slices.Clone(names)); err != nil {
			return err
		}
	}
	for _, r := range res {
		m, ok := r.(map[string]any)
		if !ok {
			m = map[string]any{"id": r}
		}
		row := make([]string, len(names))
		for i, k := range names {
			if v, ok := m[k]; ok {
				row[i] = cell(v)
			}
		}
		if err := write(row); err != nil {
			return err
		}
	}
	return flush()
}

// cell is a result value as one field of text: an IRI without its angle
// brackets, a literal as its text alone ("2019-12-10", not
// "2019-12-10"^^<…#date>), so that a spreadsheet reads plain values.
func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return plainValue(v)
	case float64, bool, int, int64:
		return fmt.Sprint(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// encodedLiteral is a typed or language-tagged literal in N-Triples form.
var encodedLiteral = regexp.MustCompile(`^"(?:[^"\\]|\\.)*"(?:\^\^<[^<>\s]*>|@[A-Za-z]+(?:-[A-Za-z0-9]+)*)$`)

// plainValue turns a value Gizmo gives in N-Triples form (IRIs in angle
// brackets, typed and tagged literals in quotes) into its plain text;
// other text is kept as it is.
func plainValue(s string) string {
	iri := len(s) > 2 && s[0] == '<' && s[len(s)-1] == '>' && !strings.ContainsAny(s[1:len(s)-1], "<> ")
	if !iri && !encodedLiteral.MatchString(s) {
		return s // plain text, even when it opens with a quotation mark
	}
	switch v := quad.StringToValue(s).(type) {
	case quad.IRI:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.String:
		return string(v)
	}
	return s
}

// columns are the tags of map results, "id" first, then in order; a
// result that is no map is an "id".
func columns(res []any) []string {
	cols := map[string]bool{}
	for _, r := range res {
		if m, ok := r.(map[string]any); ok {
			for k := range m {
				cols[k] = true
			}
		} else {
			cols["id"] = true
		}
	}
	names := make([]string, 0, len(cols))
	for k := range cols {
		if k != "id" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	if cols["id"] {
		names = append([]string{"id"}, names...)
	}
	return names
}

// writeTable prints results as aligned columns, one per tag.
func writeTable(w io.Writer, res []any) error {
	var names []string // no header for emitted values alone
	if slices.ContainsFunc(res, func(r any) bool { _, ok := r.(map[string]any); return ok }) {
		names = columns(res)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if len(names) > 0 {
		fmt.Fprintln(tw, strings.Join(names, "\t"))
	}
	for _, r := range res {
		m, ok := r.(map[string]any)
		if !ok {
			fmt.Fprintf(tw, "%v\n", r)
			continue
		}
		row := make([]string, len(names))
		for i, k := range names {
			if v, ok := m[k]; ok {
				row[i] = fmt.Sprint(v)
			}
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the whole store as RDF",
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "format", Value: "nquads", Usage: "nquads (keeps graphs), turtle or ntriples"}},
		Action: func(c *cli.Context) error {
			f, err := graph.ParseFormat(c.String("format"))
			if err != nil {
				return usagef("--format: %v", err)
			}
			s, err := openReader(c)
			if err != nil {
				return err
			}
			defer s.Close()
			return s.Export(c.Context, c.App.Writer, f)
		},
	}
}

func dotCommand() *cli.Command {
	return &cli.Command{
		Name:      "dot",
		Aliases:   []string{"graph"},
		Usage:     "draw one article's speakers, claims and events for Graphviz (DOT; --svg or --png renders it with dot)",
		ArgsUsage: "ARTICLE_ID",
		Flags: []cli.Flag{dbFlag(), baseFlag(),
			&cli.BoolFlag{Name: "svg", Usage: "render as SVG with Graphviz's dot"},
			&cli.BoolFlag{Name: "png", Usage: "render as PNG with Graphviz's dot"}},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("dot: want one ARTICLE_ID, got %d", c.NArg())
			}
			_, minter, err := articleOptions(c)
			if err != nil {
				return err
			}
			s, err := openReader(c)
			if err != nil {
				return err
			}
			defer s.Close()
			id := c.Args().First()
			hash, err := s.ArticleHash(c.Context, id)
			if err != nil {
				return err
			}
			if hash == "" {
				return fmt.Errorf("article %s is not in the store", id)
			}
			format := ""
			switch {
			case c.Bool("svg") && c.Bool("png"):
				return usagef("dot: --svg or --png, not both")
			case c.Bool("svg"):
				format = "-Tsvg"
			case c.Bool("png"):
				format = "-Tpng"
			}
			if format == "" {
				return s.WriteDOT(c.Context, c.App.Writer, minter.Article(id))
			}
			dot, err := exec.LookPath("dot")
			if err != nil {
				return fmt.Errorf("dot %s: Graphviz's dot is not installed (apt-get install graphviz), or leave out %s for DOT text", format, format)
			}
			var text bytes.Buffer
			if err := s.WriteDOT(c.Context, &text, minter.Article(id)); err != nil {
				return err
			}
			cmd := exec.CommandContext(c.Context, dot, format)
			cmd.Stdin, cmd.Stdout, cmd.Stderr = &text, c.App.Writer, c.App.ErrWriter
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("dot %s: %w", format, err)
			}
			return nil
		},
	}
}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "read every page of a bolt store and report damage, without opening it",
		Description: "A store damaged on disk (a bad sector, a copy cut short, a bit flipped) makes bolt\n" +
			"panic when it reads the damaged page. build, load and rm check the store before they\n" +
			"write; check does the same for a store you only query. Exit status 1 names the file\n" +
			"and the page.",
		Flags: []cli.Flag{dbFlag()},
		Action: func(c *cli.Context) error {
			db, err := dbPath(c, true)
			if err != nil {
				return err
			}
			note, err := graph.Check(db, time.Second)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "%s: every page is whole\n", db)
			if note != "" {
				fmt.Fprintf(c.App.ErrWriter, "newskg: warning: %s\n", note)
			}
			return nil
		},
	}
}

// bashCompletion asks newskg itself for the words that may follow, through
// urfave/cli's --generate-bash-completion.
const bashCompletion = `# newskg completion for bash; zsh runs it through bashcompinit
_newskg_complete() {
  local cur words
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ "$cur" == -* ]]; then
    words=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    words=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o bashdefault -o default -F _newskg_complete newskg
`

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, zsh or fish)",
		ArgsUsage: "bash|zsh|fish",
		Description: "bash:  source <(newskg completion bash)   (or save it under /etc/bash_completion.d/)\n" +
			"zsh:   source <(newskg completion zsh)\n" +
			"fish:  newskg completion fish > ~/.config/fish/completions/newskg.fish",
		Action: func(c *cli.Context) error {
			switch c.Args().First() {
			case "bash":
				_, err := io.WriteString(c.App.Writer, bashCompletion)
				return err
			case "zsh":
				_, err := io.WriteString(c.App.Writer, "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"+bashCompletion)
				return err
			case "fish":
				script, err := c.App.ToFishCompletion()
				if err != nil {
					return err
				}
				_, err = io.WriteString(c.App.Writer, script)
				return err
			}
			return usagef("completion: want bash, zsh or fish, got %q", c.Args().First())
		},
	}
}

func ontologyCommand() *cli.Command {
	return &cli.Command{
		Name:  "ontology",
		Usage: "print the newskg ontology as Turtle",
		Action: func(c *cli.Context) error {
			_, err := c.App.Writer.Write(ontology.Turtle())
			return err
		},
	}
}

// safeFileName turns an article id into a file name that stays in its
// folder: letters, digits, '-', '_' and '.' kept, anything else (a path
// separator, a control character, a space) made '_', and no leading dot
// ("../x" becomes "_.._x").
func safeFileName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := b.String()
	if name == "" || name[0] == '.' {
		name = "_" + name
	}
	return name
}
