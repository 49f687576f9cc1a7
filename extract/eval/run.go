package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newskg/newskg/extract"
)

// Pairs lists the annotated articles in the given folders: every NAME.txt
// beside a NAME.gold.json, in name order. A folder without any is an error.
func Pairs(dirs []string) ([]string, error) {
	var stems []string
	for _, d := range dirs {
		golds, err := filepath.Glob(filepath.Join(d, "*.gold.json"))
		if err != nil {
			return nil, err
		}
		if fi, err := os.Stat(d); err != nil {
			return nil, err
		} else if !fi.IsDir() {
			return nil, fmt.Errorf("%s: not a folder of NAME.txt and NAME.gold.json files", d)
		}
		n := 0
		for _, g := range golds {
			stem := strings.TrimSuffix(g, ".gold.json")
			if _, err := os.Stat(stem + ".txt"); err != nil {
				return nil, fmt.Errorf("%s: no %s beside it", g, filepath.Base(stem)+".txt")
			}
			stems = append(stems, stem)
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: no NAME.gold.json files", d)
		}
	}
	sort.Strings(stems)
	return stems, nil
}

// ReadPair reads the annotated article STEM.txt and its STEM.gold.json.
func ReadPair(stem string) (extract.Article, *Gold, error) {
	gold, err := ReadGold(stem + ".gold.json")
	if err != nil {
		return extract.Article{}, nil, err
	}
	data, err := os.ReadFile(stem + ".txt")
	if err != nil {
		return extract.Article{}, nil, err
	}
	a, err := extract.ParseText(stem+".txt", data)
	return a, gold, err
}

// Run extracts every annotated article in dirs and scores it.
func Run(ctx context.Context, x *extract.Extractor, dirs []string) (*Report, error) {
	stems, err := Pairs(dirs)
	if err != nil {
		return nil, err
	}
	r := &Report{}
	for _, stem := range stems {
		a, gold, err := ReadPair(stem)
		if err != nil {
			return nil, err
		}
		doc, err := x.Extract(ctx, a)
		if err != nil {
			return nil, fmt.Errorf("extract %s: %w", stem+".txt", err)
		}
		r.Add(filepath.Base(stem), doc, gold)
	}
	return r, nil
}

// WriteText prints the figures as a table; verbose adds, article by article,
// every miss, false positive and wrong attribute.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	var b strings.Builder
	if verbose {
		for _, a := range r.Articles {
			fmt.Fprintf(&b, "== %s\n", a.Name)
			for _, m := range a.Misses {
				fmt.Fprintf(&b, "  miss   %s\n", m)
			}
			for _, m := range a.FalsePositives {
				fmt.Fprintf(&b, "  false  %s\n", m)
			}
			for _, m := range a.Wrong {
				fmt.Fprintf(&b, "  wrong  %s\n", m)
			}
		}
		b.WriteString("\n")
	}
	t := r.Total
	fmt.Fprintf(&b, "%d article(s)\n", len(r.Articles))
	fmt.Fprintf(&b, "%-14s %6s %6s %6s %5s %5s %5s\n", "kind", "P", "R", "F1", "TP", "FP", "FN")
	for _, row := range []struct {
		name string
		c    Counts
	}{{"entities", t.Entities}, {"claims", t.Claims}, {"claims-detect", t.ClaimsDetect}, {"events", t.Events}} {
		fmt.Fprintf(&b, "%-14s %6.3f %6.3f %6.3f %5d %5d %5d\n", row.name, row.c.Precision(), row.c.Recall(), row.c.F1(), row.c.TP, row.c.FP, row.c.FN)
	}
	fmt.Fprintf(&b, "%-14s %6s\n", "accuracy", "")
	for _, row := range []struct {
		name string
		a    Accuracy
	}{{"claim mode", t.Mode}, {"claim polarity", t.Polarity}, {"event date", t.EventDate}, {"event place", t.EventPlace}} {
		fmt.Fprintf(&b, "%-14s %6.3f  (%d of %d)\n", row.name, row.a.Value(), row.a.Correct, row.a.Total)
	}
	if len(t.ByType) > 0 {
		fmt.Fprintf(&b, "\n%-24s %6s %6s %6s %5s %5s %5s\n", "by type", "P", "R", "F1", "TP", "FP", "FN")
		for _, k := range t.typeKeys() {
			c := t.ByType[k]
			fmt.Fprintf(&b, "%-24s %6.3f %6.3f %6.3f %5d %5d %5d\n", k, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// typeKeys lists the breakdown's keys: entities, claims, events, each by
// type name.
func (s Scores) typeKeys() []string {
	order := map[string]int{"entities": 0, "claims": 1, "events": 2}
	keys := make([]string, 0, len(s.ByType))
	for k := range s.ByType {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ki, _, _ := strings.Cut(keys[i], "/")
		kj, _, _ := strings.Cut(keys[j], "/")
		if order[ki] != order[kj] {
			return order[ki] < order[kj]
		}
		return keys[i] < keys[j]
	})
	return keys
}

type jsonCounts struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

type jsonAccuracy struct {
	Accuracy float64 `json:"accuracy"`
	Correct  int     `json:"correct"`
	Total    int     `json:"total"`
}

func jc(c Counts) jsonCounts {
	return jsonCounts{c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN}
}

func ja(a Accuracy) jsonAccuracy { return jsonAccuracy{a.Value(), a.Correct, a.Total} }

// WriteJSON prints the total figures as JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	t := r.Total
	out := map[string]any{
		"articles":       len(r.Articles),
		"entities":       jc(t.Entities),
		"claims":         jc(t.Claims),
		"claims_detect":  jc(t.ClaimsDetect),
		"events":         jc(t.Events),
		"claim_mode":     ja(t.Mode),
		"claim_polarity": ja(t.Polarity),
		"event_date":     ja(t.EventDate),
		"event_place":    ja(t.EventPlace),
	}
	byType := map[string]jsonCounts{}
	for k, c := range t.ByType {
		byType[k] = jc(c)
	}
	out["by_type"] = byType
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
