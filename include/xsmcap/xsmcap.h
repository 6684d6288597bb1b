/* SPDX-License-Identifier: GPL-2.0-only */
/* xsmcap: the whole public interface. */
#ifndef XSMCAP_H
#define XSMCAP_H

#include "xsmcap/policy.h"
#include "xsmcap/platform.h"
#include "xsmcap/system.h"
#include "xsmcap/config.h"
#include "xsmcap/ops.h"
#include "xsmcap/explain.h"
#include "xsmcap/analysis.h"
#include "xsmcap/report.h"
#include "xsmcap/lint.h"
#include "xsmcap/flask.h"

#endif
