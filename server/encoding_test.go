package main

import (
	"strings"
	"testing"
)

func TestAcceptedCodings(t *testing.T) {
	tests := []struct {
		header []string
		want   string // coding names, best first
	}{
		{nil, ""},
		{[]string{""}, ""},
		{[]string{"br"}, "br"},
		{[]string{"gzip, deflate, br, zstd"}, "br gzip"},
		{[]string{"gzip;q=1.0, br;q=0.9"}, "gzip br"},
		{[]string{"br;q=0"}, ""},
		{[]string{"br;q=0.000, gzip;q=0.001"}, "gzip"},
		{[]string{"br;Q=0"}, ""},
		{[]string{"br;q=-1, gzip"}, "gzip"},
		{[]string{"br;q=NaN, gzip"}, "gzip"},
		{[]string{"br;q=", "gzip"}, "gzip"},
		{[]string{"*"}, "br gzip"},
		{[]string{"*;q=0.5, gzip"}, "gzip br"},
		{[]string{"br;q=0, *"}, "gzip"},
		{[]string{"x-gzip"}, "gzip"},
		{[]string{"gzip", "br"}, "br gzip"}, // several header lines
		{[]string{" , ;q=1, ;"}, ""},
		{[]string{"identity;q=0"}, ""},
	}
	for _, tt := range tests {
		var names []string
		for _, c := range acceptedCodings(tt.header) {
			names = append(names, c.name)
		}
		if got := strings.Join(names, " "); got != tt.want {
			t.Errorf("acceptedCodings(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}
