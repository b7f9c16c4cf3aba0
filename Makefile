# Shuanglun: two commands.
#   make run    installs what is missing, builds, creates the demo database, serves :8080
#   make test   installs what is missing, builds with ASan+UBSan, runs every test
# Other targets: build, bench, fuzz, format, clean, test-cluster (docs/deploy.md).

SHELL := /bin/bash
NPROC ?= $(shell nproc)
DEV_DIR := build/dev
REL_DIR := build/release
FUZZ_DIR := build/fuzz
DB ?= sqlite:var/shuanglun.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test build bench fuzz format clean bootstrap web web-test api-test e2e-test unit-test test-cluster

bootstrap:
	@scripts/bootstrap

$(REL_DIR)/build.ninja:
	cmake -S . -B $(REL_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSL_TESTS=OFF

$(DEV_DIR)/build.ninja:
	cmake -S . -B $(DEV_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=ON -DSL_BENCH=OFF

web: bootstrap
	cd web && npm run build

# The release build: what `make run` serves and `make bench` measures.
build: bootstrap $(REL_DIR)/build.ninja
	ninja -C $(REL_DIR) -j $(NPROC)
	cd web && npm run build

run: build
	@if [ "$(DB)" = "sqlite:var/shuanglun.db" ] && [ ! -f var/shuanglun.db ]; then \
	  $(REL_DIR)/shuanglun init --db $(DB) --demo; \
	else \
	  $(REL_DIR)/shuanglun init --db $(DB); \
	fi
	@echo
	@echo "  Shuanglun 双轮 — http://$(LISTEN)"
	@echo
	$(REL_DIR)/shuanglun serve --db $(DB) --listen $(LISTEN) --web web/dist

# Every test against one ASan+UBSan build: unit tests (SQLite and PostgreSQL),
# API tests on both databases, front-end unit tests, browser tests.
test: bootstrap $(DEV_DIR)/build.ninja
	ninja -C $(DEV_DIR) -j $(NPROC)
	scripts/test-all $(DEV_DIR)

# A province's deployment on this machine (docs/deploy.md): PostgreSQL primary
# and replica, pgbouncer, two app servers, nginx; the API suite through it,
# then an app server killed mid-writes and a report from the replica.
test-cluster: bootstrap $(DEV_DIR)/build.ninja
	ninja -C $(DEV_DIR) -j $(NPROC)
	cd web && npm run build
	tests/cluster/run $(DEV_DIR)/shuanglun

unit-test: $(DEV_DIR)/build.ninja
	ninja -C $(DEV_DIR) -j $(NPROC)
	scripts/with-postgres ctest --test-dir $(DEV_DIR) --output-on-failure

bench: build
	scripts/bench-all $(REL_DIR)

fuzz: bootstrap
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSL_FUZZ=ON -DSL_TESTS=OFF -DSL_BENCH=OFF
	ninja -C $(FUZZ_DIR) -j $(NPROC)
	scripts/fuzz-all $(FUZZ_DIR) $${FUZZ_SECONDS:-60}

format:
	find server bench tests/fuzz -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build web/dist
