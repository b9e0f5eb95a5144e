"""``python -m mirror [--port N]``: serve the demo mirror on 127.0.0.1 until interrupted."""

import argparse
import time

from mirror.server import running_mirror


def main() -> None:
    """Serve the mirror and print its address."""
    parser = argparse.ArgumentParser(prog="python -m mirror", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)")
    args = parser.parse_args()
    with running_mirror(port=args.port) as server:
        print(f"demo mirror at {server.base_url}/ (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
