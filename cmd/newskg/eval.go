package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/extract/eval"
	"github.com/newskg/newskg/extract/ner"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against annotated articles (NAME.txt beside NAME.gold.json)",
		ArgsUsage: "GOLD_DIR...",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every miss, false positive and wrong attribute by article"},
			&cli.BoolFlag{Name: "json", Usage: "print the figures as JSON"},
			&cli.StringFlag{Name: "model", Usage: "an entity tagger model made by newskg train (default: the shipped one)"},
			&cli.BoolFlag{Name: "rules", Usage: "find entities with the hand-written rules alone, without the tagger"},
		},
		Action: func(c *cli.Context) error {
			if err := needArgs(c, "GOLD_DIR"); err != nil {
				return err
			}
			x, err := extractorFor(c)
			if err != nil {
				return err
			}
			r, err := eval.Run(c.Context, x, c.Args().Slice())
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return r.WriteJSON(c.App.Writer)
			}
			return r.WriteText(c.App.Writer, c.Bool("verbose"))
		},
	}
}

// extractorFor makes the extractor that --model and --rules ask for.
func extractorFor(c *cli.Context) (*extract.Extractor, error) {
	switch {
	case c.Bool("rules") && c.String("model") != "":
		return nil, usagef("--rules and --model exclude each other")
	case c.Bool("rules"):
		return extract.NewWith(extract.Learned{})
	case c.String("model") != "":
		f, err := os.Open(c.String("model"))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		m, err := ner.Read(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.String("model"), err)
		}
		l, err := extract.Shipped()
		if err != nil {
			return nil, err
		}
		l.Tagger = m
		return extract.NewWith(l)
	}
	return extract.New()
}
