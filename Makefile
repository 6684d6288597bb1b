# SPDX-License-Identifier: GPL-2.0-only
# Thin wrapper over Meson + Ninja.  `make demo` and `make check` first
# install any missing Debian package (scripts/ensure-deps.sh).
BUILD    ?= build
SANBUILD ?= build-san
MESON    ?= meson
WERROR   ?= $(if $(CI),--werror,)

.PHONY: all deps demo check test test-san bench fuzz install clean

# A build directory set up earlier keeps its options: --werror is applied
# to it again, so CI never builds without it.
all: $(BUILD)/build.ninja
	$(if $(WERROR),$(MESON) configure $(BUILD) -Dwerror=true)
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) $(WERROR)

$(SANBUILD)/build.ninja:
	$(MESON) setup $(SANBUILD) $(WERROR) -Db_sanitize=address,undefined -Db_lundef=false

deps:
	sh scripts/ensure-deps.sh

demo: deps all
	sh scripts/demo.sh $(BUILD)

# The suite runs twice: a normal build and an ASan+UBSan build.
check: deps
	sh scripts/check.sh $(BUILD) $(SANBUILD) "$(WERROR)"

test: all
	$(MESON) test -C $(BUILD) --print-errorlogs

bench: deps all
	sh scripts/bench.sh $(BUILD)

fuzz: deps
	sh scripts/fuzz.sh

install: all
	$(MESON) install -C $(BUILD)

clean:
	rm -rf $(BUILD) $(SANBUILD) build-fuzz build-freestanding
