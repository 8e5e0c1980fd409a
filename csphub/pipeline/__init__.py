"""Pipeline stages, one module each: land → parse → validate → pseudonymise → trusted → publish."""
