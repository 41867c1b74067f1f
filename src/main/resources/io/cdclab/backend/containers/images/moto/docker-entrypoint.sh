#!/bin/sh
# As motoserver/moto starts: moto_server on every interface of the container, on $MOTO_PORT; arguments pass on.
exec "$MOTO_PYTHON" -m moto.server -H 0.0.0.0 -p "${MOTO_PORT:-5000}" "$@"
