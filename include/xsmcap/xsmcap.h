/* xsmcap: the whole public interface. */
#ifndef XSMCAP_H
#define XSMCAP_H

#include "xsmcap/policy.h"
#include "xsmcap/system.h"
#include "xsmcap/config.h"
#include "xsmcap/ops.h"
#include "xsmcap/explain.h"

#endif
