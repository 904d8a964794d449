#ifndef TENANTCTL_CYAML_SHIM_H
#define TENANTCTL_CYAML_SHIM_H
#include <yaml.h>
#endif
