# The same commands as run.sh, for those who type make.
.PHONY: demo test bench
demo:
	bash run.sh demo
test:
	bash run.sh test
bench:
	bash run.sh bench
