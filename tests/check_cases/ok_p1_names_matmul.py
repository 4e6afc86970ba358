# Part 1 with other names, @ for np.dot, and an extra print.
import numpy as np

inputs = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
targets = np.array([[0], [0], [1], [1]])

np.random.seed(1)
weights = 2 * np.random.random((3, 1)) - 1
print("starting weights:", weights.ravel())

for step in range(10_000):
    guess = 1 / (1 + np.exp(-(inputs @ weights)))
    miss = targets - guess
    weights += inputs.T @ (miss * guess * (1 - guess))

print(guess)
