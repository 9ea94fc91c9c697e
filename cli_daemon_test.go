package main

import "testing"

func TestDefaultLeaseName(t *testing.T) {
	tests := []struct{ script, want string }{
		{"scripts/cleanup-jobs.lua", "klua-cleanup-jobs"},
		{"/scripts/Nightly_Report.lua", "klua-nightly-report"},
		{"backup.v2.lua", "klua-backup-v2"},
		{"", "klua"},
		{"___.lua", "klua"},
	}
	for _, tt := range tests {
		if got := defaultLeaseName(tt.script); got != tt.want {
			t.Errorf("defaultLeaseName(%q) = %q, want %q", tt.script, got, tt.want)
		}
		if !validObjectName(defaultLeaseName(tt.script)) {
			t.Errorf("defaultLeaseName(%q) is not a valid object name", tt.script)
		}
	}
}
