# Kehu CRM. `make run` and `make test` work on a fresh Debian 12 machine as root.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build
DB ?= sqlite:data/kehu.db
LISTEN ?= 127.0.0.1:8080
ADMIN_PASSWORD ?= kehu-admin-2026

.PHONY: all deps configure build server web run test test-server test-web test-e2e bench clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@test -f $(BUILD)/build.ninja || cmake --preset release -B $(BUILD) >/dev/null

server: configure
	cmake --build $(BUILD) --target kehu -j$(JOBS)

web: deps
	cd web && npm run build --silent

# Leaves the server at build/kehu and the web UI in web/dist, where the server finds it.
build: server web

run: build
	@$(BUILD)/kehu init --db $(DB) --admin-password '$(ADMIN_PASSWORD)'
	@$(BUILD)/kehu demo --db $(DB)
	@echo "========================================================================"
	@echo " Kehu 客户关系管理 is starting on http://$(LISTEN)"
	@echo " 登录 Login: admin / $(ADMIN_PASSWORD)   (demo reps: zhangwei, lina / kehu-demo-2026)"
	@echo "========================================================================"
	@exec $(BUILD)/kehu serve --db $(DB) --listen $(LISTEN)

# Everything: C++ unit tests, database conformance and API tests on SQLite and a throwaway
# PostgreSQL, UI unit tests, browser tests. Ends with one pass/fail summary.
test: configure
	@bash scripts/test.sh $(BUILD) $(JOBS)

# Load scenarios on SQLite and PostgreSQL (1M customers by default; see bench/README.md for the
# BENCH_* variables); report in bench/results/latest.md. The server binary is all it needs.
bench: server
	@bash bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-* web/dist test-output
